"""Word lists that carry over to any writer: the classifier's most portable evidence.

The lists were written by hand from the cue definitions (corpus/cues.yaml, KEYING.md) and from
general knowledge of news language, not mined from the answer keys, so they are meant to work on
texts FrameLab has never seen (and so that cross-validation over our stories stays honest:
entries first picked up from a glance at key spans were taken out again). The cue definitions
quote a few phrases of the real seed articles ("sleight of hand", "firestorm", "trifecta"), which
makes the figures on the held-out iraq-2021 story a little optimistic.

A word ending in ``+`` also matches its inflections ("slam+" -> slams, slammed, slamming);
entries with spaces are phrases matched word by word. Change a list and bump
:data:`LEXICON_VERSION`: the model artifact records the version it was trained with.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEXICON_VERSION = "2026.12-3"
CHARGE_CUTOFF = 1.5  # VADER mean valence (-4..4) from which a word counts as emotionally charged


@dataclass(frozen=True)
class Lexicon:
    name: str
    described: str  # how an explanation names a member: "'stunt' is {described}"
    entries: tuple[str, ...]


def _entries(block: str) -> tuple[str, ...]:
    return tuple(sorted({e.strip() for e in block.replace("\n", ",").split(",") if e.strip()}))


INTENSIFIERS = _entries("""
very, extremely, utterly, totally, completely, absolutely, deeply, incredibly, hugely, massively,
wildly, truly, enormously, staggering, staggeringly, astonishingly, shockingly, desperately,
bitterly, fiercely, grossly, blatantly, outright, sheer, downright, insanely, thoroughly, entirely,
perfectly, painfully, breathtakingly, ridiculously, woefully, hopelessly, endlessly, relentlessly,
wholly, so much as, at all, even, ever, way too, all too, far too, simply, highly, seriously,
severely, badly, exceedingly, overwhelmingly, unbelievably, unimaginably, immensely, vastly,
tremendously, terribly, awfully, horribly, dramatically, drastically, fundamentally, unprecedented,
historic, epic, massive, enormous, colossal, gigantic, huge
""")

HEDGES = _entries("""
likely, unlikely, probably, possibly, perhaps, maybe, may, might, could, could well, may well,
expected to, set to, poised to, likely to, bound to, sure to, appear+, seem+, apparently,
seemingly, all but certain, chances are, in all likelihood, presumably, potentially, predict+,
speculate+, no doubt, surely, remains to be seen, there are signs, is expected, are expected,
expect+, forecast+, anticipate+, suggest+, would likely, could soon, may soon, might soon, chances,
probable, possible, conceivably, in the coming, sooner or later, eventually, is set, are set,
looks set, on course to, on track to, destined to, doomed to, threatens to, threaten+ to, risk+,
could end up, may end up, will probably, will surely, is sure, guess, conceivable, plausibly,
in theory, widely expected, widely seen as, is seen as, are seen as, many expect, some fear,
fear+ that, could mean, might mean, may mean, is poised, all signs point, signs point to,
on the verge of, on the brink of, imminent, will likely, would probably, may have, might have,
could have, appears to be, seems to be, is believed to, are believed to, is thought to,
are thought to
could see, could lead, could cost, could spell, may signal, might signal, would mean,
would spell, almost certainly, all but, in all probability, odds are, prospect+ of,
raise+ the prospect, raise+ fears, fears of, it is possible, it's possible, it seems,
would appear, tipped to, predicted to, projected to, on the cusp, headed for, heading for,
heading toward, headed toward, in store, lies ahead, writing on the wall, bode+, augur+,
portend+, harbinger, foreshadow+, spell+ trouble, spell+ the end, beginning of the end,
would not be surprising, no surprise if,
""")

JUDGMENT = _entries("""
reckless, cynical, disastrous, shameful, outrageous, absurd, ridiculous, disgraceful,
irresponsible, incompetent, inept, foolish, misguided, dangerous, appalling, pathetic, scandalous,
shocking, heartless, callous, cruel, greedy, corrupt, dishonest, hypocritical, arrogant, baseless,
bizarre, laughable, senseless, needless, careless, heroic, courageous, admirable, wise, visionary,
remarkable, stunning, brilliant, praiseworthy, sensible, timid, feeble, lame, cowardly, spineless,
shameless, brazen, blatant, crass, unjust, unfair, deplorable, despicable, vile, toxic, extreme,
ludicrous, preposterous, farcical, sham, bogus, dubious, questionable, suspect, flimsy, shoddy,
sloppy, half-baked, ill-conceived, wrongheaded, short-sighted, shortsighted, tone-deaf,
out of touch, clueless, hapless, bumbling, lazy, negligent, wasteful, selfish, ruthless,
heavy-handed, high-handed, mean-spirited, petty, vindictive, smug, condescending, patronising,
patronizing, self-serving, opportunistic, disingenuous, deceptive, misleading, manipulative,
sneaky, underhanded, shady, murky, noble, generous, tireless, dedicated, selfless, inspiring,
extraordinary, impressive, bold, decisive, principled, honest, straight-talking, common-sense,
commonsense, overdue, long overdue, welcome, refreshing, sad, tragic, regrettable, unacceptable,
inexcusable, indefensible, insulting, offensive, embarrassing, humiliating, troubling, worrying,
alarming, disturbing, terrible, awful, horrible, dreadful, miserable, wonderful, fantastic,
excellent, amazing, great, incompetence, hypocrisy, corruption, arrogance, greed, cowardice,
stupidity, stupid, idiotic, moronic, dumb, crazy, insane, nonsensical, asinine, outlandish,
unhinged, deranged, dishonesty, liar+, deceit, deceitful, fraud, fraudulent, scam, rigged, crooked,
sleazy, slimy, unscrupulous, heartening, laudable, commendable, exemplary, stellar, masterful,
masterly, savvy, shrewd, astute, genius, landmark, groundbreaking, game-changing, game-changer,
transformative, failed, failing, botched, bungled, mismanaged, mishandled, disastrously,
ill-advised, ill-fated, hopeless, futile, pointless, useless, worthless
shambolic, incoherent, muddled, lacklustre, lackluster, underwhelming, disappointing, dismal,
abysmal, woeful, lamentable, pitiful, sorry state, shabby, tawdry, grubby, sordid, unsavoury,
unsavory, distasteful, obscene, grotesque, galling, infuriating, maddening, exasperating,
baffling, bewildering, mind-boggling, inexplicable, unconscionable, unforgivable, reprehensible,
contemptible, odious, loathsome, abhorrent, repugnant, egregious, flagrant, wanton, feckless,
gutless, weak-kneed, craven, venal, mendacious, duplicitous, two-faced, sanctimonious,
holier-than-thou, preachy, pompous, self-righteous, naive, naïve, gullible, credulous, simplistic,
facile, glib, vapid, mindless, thoughtless, heedless, cavalier, blithe, blithely, complacent, lax,
slipshod, haphazard, amateurish, clumsy, ham-fisted, cack-handed, authoritarian, dictatorial,
autocratic, tyrannical, oppressive, repressive, punitive, spiteful, malicious, nasty, prudent,
gutsy, plucky, valiant, gallant, steadfast, resolute, trailblazing, pioneering, masterstroke,
triumph, triumphant, resounding, spectacular, glorious, magnificent, splendid, superb, outstanding,
world-class, first-rate, top-notch, second-rate, third-rate, mediocre, banal, trite, hackneyed,
""")

LOADED = _entries("""
slam+, blast+, lash+ out, rip+ into, savage+, slash+, gut+, ravage+, devastate+, plunge+, soar+,
skyrocket+, spiral+, explode+, erupt+, storm+, stampede+, swarm+, flood+, crisis, chaos, chaotic,
firestorm, fiasco, debacle, disaster, catastrophe, catastrophic, carnage, bloodbath, onslaught,
assault, war on, crusade, scheme+, ploy, scandal, outrage, outraged, fury, furious, frenzy,
meltdown, mayhem, turmoil, tirade, rant+, crackdown, bombshell, slap in the face, decimate+,
cripple+, crush+, hammer+, torpedo+, sabotage+, hijack+, bully+, grab+, splurge, lavish, handout+,
giveaway+, doom+, plague+, mess, shambles, slump+, clobber+, backlash, blunder+, gamble+, grovel+,
cave+ in, capitulate+, cower+, brag+, boast+, gloat+, whine+, moan+, scramble+, panic+, plight,
nightmare, horror, sinister, draconian, dire, stark, grim, ominous, looming, rampant,
on the warpath, bitter, bitterly, fierce, fiercely, furor, furore, uproar, howl+, shriek+, scream+,
rage, raging, vicious, brutal, brutally, ruthless, gutted, battered, besieged, embattled,
beleaguered, windfall, bonanza, jackpot, gravy train, cash cow, bailout+, rubber-stamp+, railroad+,
ram+ through, steamroll+, bulldoze+, strong-arm+, shove+, dump+, axe+, ax+, scrap+, squander+,
waste+, stonewall+, dodge+, duck+, evade+, spin, slick, glossy, flashy, gleefully, proudly,
quietly, sneak+, slip+ through, bury, buried, tout+, trumpet+, hype+, peddle+, cling+, cave+, mob+,
horde+, throng+, invade+, invasion, siege, hostage, victim+, suffer+, anguish, agony, heartbreak+,
heartbroken, devastating, crushing, staggering, punishing, sky-high, eye-watering, jaw-dropping,
whopping, paltry, measly, pittance, tiny, scant, meager, meagre, tumble+, nosedive+, plummet+,
balloon+, swamp+, overrun, overwhelm+, lambaste+, berate+, excoriate+, skewer+, pummel+, thrash+,
wreck+, wreak+ havoc, havoc, unleash+, spew+, rail+ against, fume+, seethe+, bristle+, snub+,
spurn+, flout+, trample+, gouge+, fleece+, rip-off, ripoff, extort+, loot+, plunder+, power grab,
land grab, cash grab, freebie+, boondoggle+, pork, pork-barrel, slush fund+, tsunami, avalanche,
deluge, epidemic, cancer, poison+, nightmarish, hellish, hellscape, apocalyptic, dystopian,
crippling, back-breaking, harrowing, horrific, horrendous, atrocious, monstrous, evil, wicked,
shadowy, secretive, torch+, firestorm, trifecta
blistering, scathing, withering, stinging, damning, explosive, incendiary, inflammatory, rocked,
reeling, surge+, clash+, feud+, spat, showdown, war of words, hit+ out, tear+ into, tore into,
round+ on, bombard+, grill+, farce, circus, free-for-all, feeding frenzy, witch hunt, witch-hunt,
kangaroo court, show trial, bloodletting, purge+, annihilate+, obliterate+, demolish+,
eviscerate+, implode+, unravel+, tailspin, freefall, free fall, rock-bottom, astronomical,
exorbitant, extortionate, gargantuan, mammoth, hefty, suffocating, stifling, strangle+, pounce+,
seize+ on, prey+ on, feast+ on, gobble+ up, bleed+ dry, cash in, flip-flop+, u-turn, climbdown,
backtrack+, capitulation, kowtow+, buckle+, hysteria, hysterical, paranoia, paranoid, frantic,
desperate, desperation, frenzied, feverish, rabid, venomous, vitriol, vitriolic, poisonous,
scorched-earth, all-out, full-blown, runaway, out of control, out-of-control, time bomb,
powder keg, tinderbox, perfect storm, shockwave+, tidal wave, floodgates, infest+, teeming,
""")

LABELS = _entries("""
regime, thug+, elite+, bureaucrat+, zealot+, extremist+, radical+, fanatic+, ideologue+, crony+,
cronies, henchmen, henchman, puppet+, hardliner+, hardline, apologist+, fat cat+, do-gooder+,
snowflake+, agitator+, rabble-rouser+, troublemaker+, career politician+, special interest+,
establishment, cabal+, clique+, lobby, weakened, self-styled, self-proclaimed, wannabe+, busybody,
busybodies, nanny state, bean counter+, bean-counter+, paper-pusher+, pencil-pusher+, loudmouth+,
crank+, conspiracy theorist+, propagandist+, demagogue+, strongman, strongmen, tyrant+, dictator+,
warlord+, militant+, ringleader+, mob, rioter+, looter+, vigilante+, alarmist+, denier+, naysayer+,
scaremonger+, fearmonger+, doomsayer+, activist judge+, woke, far-left, far-right, leftist+,
right-wing, left-wing, ultra, militia+, insurgent+, profiteer+, fat-cat+, landlord lobby,
big business, big pharma, big tech, corporate giant+, moneyed, privileged, out-of-touch,
ivory tower, armchair, self-appointed, so-called experts, nimby, nimbys, gadfly, gadflies,
crusader+, firebrand+, maverick+, rogue, renegade+, diehard+, die-hard+, partisan+, loyalist+,
acolyte+, disciple+, entitled, freeloader+, moocher+, leftie+, lefty, libs, globalist+, elitist+,
apparatchik+, lackey+, lackeys, stooge+, shill+, toady, toadies, yes-men, outside agitator+,
carpetbagger+, scrounger+, bleeding heart+, bleeding-heart, tree-hugger+, eco-warrior+,
eco-zealot+, gun-grabber+, gun-grabbing, race-baiter+, culture warrior+, pencil pusher+,
hired gun+, spin doctor+, crony capitalist+, robber baron+, pampered, overpaid, deep state,
mob boss, ideologues, zealous, fringe, lunatic+, kook+, nutjob+, wingnut+, moonbat+, cultist+,
groupie+, sycophant+, flunkey+, flunky, minion+, mouthpieces
mouthpiece, cheerleader+, enforcer+, hatchet man, hack+, operative+, fixer+, power broker+,
powerbroker+, bigwig+, big shot+, paymaster+, puppet master+, puppeteer+, true believer+,
hooligan+, yob+, lout+, vandal+, anarchist+, insurrectionist+, old guard, old boys' club,
chattering class+, champagne socialist+, limousine liberal+, snob+, do-nothing, lame duck,
lame-duck, has-been+, washed-up, upstart+, interloper+, illegals, illegal alien+, benefit cheat+,
welfare queen+, sponger+, deadbeat+, layabout+, jobsworth+, pen-pusher+, functionaries,
technocrat+, faceless, unelected, political class, ruling class, turncoat+, traitor+, sellout+,
sell-out+, denialist+, truther+, conspiracist+, grifter+, charlatan+, huckster+, con man,
con artist+, swindler+, opportunist+, careerist+, egomaniac+, narcissist+, blowhard+, windbag+,
gasbag+, usual suspects,
""")

DISMISSIVE = _entries("""
mere, merely, little more than, nothing more than, no more than, window dressing, window-dressing,
publicity stunt, stunt+, photo op, photo-op, box-ticking, tick-box, box ticking, lip service,
token, tokenism, empty gesture, gesture+, symbolic, cosmetic, cosmetically, for show,
sleight of hand, smoke and mirrors, public relations exercise, pr exercise, pr stunt, band-aid,
fig leaf, talking points, hollow, drop in the bucket, drop in the ocean, paper over, papering over,
papered over, rebrand+, rebranding, same old, business as usual, nothing new, at best,
half-measure+, half-hearted, gimmick+, gimmicky, charade, theatre, theater, theatrics, pantomime,
rubber stamp, whitewash+, trick+, for the cameras, feel-good, show of, going through the motions,
tinkering, tinker+ around, band aid, bandage, sticking plaster, flavour of the month,
flavor of the month, nothing but, just another, only a, a few crumbs, crumbs, peanuts, trivial,
minor, so-called, supposed, purported, alleged, exercise in, posturing, virtue signalling,
virtue signaling, grandstanding, grandstand+, sideshow, distraction, red herring, overblown,
overhyped, much ado, storm in a teacup, tempest in a teapot, nothing to see, pr move, optics,
for the optics, empty promise+, empty words, hot air, song and dance, dog and pony show, ploy+,
rehash+, recycled, warmed-over, too little too late, too little, too late, paper tiger, toothless,
gesture politics, kick+ the can, rearranging deck chairs, solution in search of a problem,
big deal, all talk, talk is cheap, pie in the sky, pipe dream, wishful thinking, so much for,
a far cry, for appearances, face-saving, fig-leaf, veneer, facade, façade, lip-service,
box-checking, check-the-box, check the box, symbolic gesture, empty rhetoric, boilerplate,
platitude+, buzzword+, slogan+, glossy brochure+
a sop, sop to, throw+ a bone, thrown a bone, pat on the back, back-patting,
self-congratulation, self-congratulatory, vanity project, pet project, hobby horse, hobbyhorse,
photo opportunity, marketing exercise, branding exercise, exercise in futility, token gesture,
tokenistic, supposedly, ostensibly, nominally, in name only, largely symbolic, purely symbolic,
little more, not much more than, barely more than, amounts to little, adds up to little,
not worth the paper, superficial, skin-deep, watered-down, watered down, defanged, neutered,
cop-out, copout, damage control, damage limitation, a nod to, doublespeak, weasel words, fad,
knee-jerk, kneejerk, quick fix, quick-fix, stopgap, stop-gap, cheap trick, parlour trick,
parlor trick, spectacle, antics, shenanigans, hocus-pocus, mumbo jumbo, claptrap, nonsense,
drivel, twaddle, hogwash, poppycock, balderdash, baloney, malarkey, gobbledygook, puff piece,
puffery, wave+ away, brush+ aside, brush+ off, shrug+ off, scoff+, sneer+, belittle+,
downplay+, play+ down, make+ light of, gloss+ over,
""")

MOTIVE = _entries("""
in an attempt to, in an attempt, attempt to, in a bid to, bid to, aimed at, aimed to, aim+ to,
intended to, designed to, meant to, calculated to, so as to, to curry favor, to curry favour,
to shore up, shore up, to distract, distract+ from, to deflect, deflect+, to appease, appease+,
to placate, placate+, to score points, score political points, political points, to court,
court+ voters, to woo, woo+, in an effort to, an effort to, to win over, win over, to save face,
save face, avoid blame, ulterior, hidden agenda, agenda, self-serving, with an eye to,
with one eye on, eye on, political fortunes, in order to, so that, hoping to, in hopes of,
in the hope of, a way to, a ploy to, a bid to, a move to, an attempt to, motivated by, driven by,
out of, to protect, to cover, to buy time, buy time, to run out the clock, to sweeten, to pad,
to line, line their pockets, lining their pockets, to silence, to muzzle, really about,
really wants, really want, secretly, quietly hoping, thinly veiled, timed to, timing, pander+,
pandering, curry+ favor, curry+ favour, eye+ on, with an eye toward, political gain,
political cover, for political gain, for political reasons, deflect+ blame, deflect+ attention,
divert+ attention, to muddy, shift+ the blame, to pacify, to mollify, to dodge, avoid scrutiny,
escape scrutiny, to sidestep, to burnish, burnish+, to energize, to fire up, appeal+ to voters,
to intimidate, ulterior motive+, hidden motive+, real reason, real motive, true motive,
the real aim, the real goal, self-interest, out of self-interest, cynical bid, calculated move,
gambit
transparent attempt, transparent bid, naked attempt, naked bid, barely disguised,
thinly disguised, under the guise of, under cover of, ostensibly to, conveniently,
conveniently timed, politically motivated, politically convenient, political calculation,
calculating, cynically, angling for, angle+ for, jockey+ for, play+ to the base,
play+ to the gallery, playing to, with an election looming, election-year, to boost, to bolster,
to bury, to muddy the waters, to rally, to galvanize, to galvanise, to rehabilitate, to launder,
to look tough, to be seen, seen to be, to polish, to cozy up, to cosy up, desperate to, eager to,
keen to, bent on, hell-bent on, out to, wants to be seen,
""")

EDITORIAL = _entries("""
clearly, obviously, of course, tellingly, undeniably, undoubtedly, unquestionably, indeed, frankly,
sadly, unfortunately, fortunately, thankfully, ironically, predictably, inevitably,
needless to say, it is clear, it's clear, make no mistake, the truth is, the fact is, in reality,
let's be honest, let us be honest, let's be clear, let us be clear, should, must, ought to,
deserve+, shame, stark reminder, a reminder, out of the question, no one, nobody, everyone knows,
it is time, it's time, enough is enough, what matters, the real, once again, yet again, as usual,
all along, in fact, the lesson, lesson, the question is, the problem is, the point is,
the bottom line, bottom line, plainly, simply put, no wonder, small wonder, hardly, scarcely,
at least, at last, finally, admittedly, arguably, remarkably, strikingly, notably, crucially,
importantly, worse, even worse, better still, we, our, us, you, your, i, my, me, ourselves,
yourself, must be, should have, should be, need to, needs to, has to, have to, cannot,
can't afford, never, always, everyone, everybody, anyone, to be sure, to be fair, let alone,
what's more, worse still, tragically, disturbingly, alarmingly, mercifully, curiously, oddly,
strangely, it's worth noting, it is worth noting, worth remembering, it bears repeating,
the reality is, the real question, the real story, the question remains, one wonders,
one has to wonder, we should, we must, we need, it's hard to, it is hard to, hard to see,
difficult to see, hard to believe, it's no secret, no secret, nothing short of, textbook,
a clear sign, a sign of, a symptom of, proof that, speaks volumes, says a lot, tells you, tells us,
a lesson, a warning, wake-up call, high time
shamefully, disgracefully, laughably, absurdly, inexplicably, bafflingly, regrettably,
lamentably, happily, luckily, alas, rightly, rightfully, wrongly, justly, unjustly, deservedly,
undeservedly, wisely, foolishly, naively, let us hope, let's hope, one hopes, one can only hope,
it would be wise, it would be a mistake, a mistake, a step in the right direction,
the right thing, is to be welcomed, should be applauded, deserves credit, to their credit,
to his credit, to her credit, in truth, truth be told, the irony, the sad truth, the harsh reality,
the uncomfortable truth, the simple fact, the plain fact, no one should, nobody should,
any sensible, any reasonable, beyond doubt, beyond question, without question, no excuse,
there can be no, cannot be allowed, must not, should not, shouldn't, mustn't, long past time,
past time, what is needed, what we need, the answer is, the solution is, the only way,
would do well to, had better, for all the talk, not the first time, a long line of,
par for the course, all too familiar, all too often, too often, time and again, time after time,
again and again,
""")

ANONYMOUS = _entries("""
official+, source+, insider+, aide+, people familiar, person familiar, familiar with, critic+,
observer+, analyst+, expert+, some, many, others, diplomat+, spokesman, spokeswoman, spokesperson,
resident+, those close to, people close to, someone close to, who asked not to be named,
asked not to be named, spoke on condition of anonymity, on condition of anonymity,
condition of anonymity, not authorized to, not authorised to, declined to be named,
declined to be identified, rumor+, rumour+, it is said, it is understood, reportedly,
according to sources, some say, many believe, it is believed, it is thought, insiders, staffers,
staffer, employee+, worker+, officer+, one, several, a number of, people, person, someone,
anonymous, unnamed, unidentified, a senior, senior, sources say, sources said, a source,
one source, two sources, people briefed on, briefed on, people with knowledge, with knowledge of,
a person with knowledge, some observers, some analysts, some experts, critics say, critics said,
supporters say, opponents say, detractors, skeptics, sceptics, whispers, it is rumored,
it is rumoured
""")

REPORTING = _entries("""
say+, said, tell+, told, according to, claim+, describe+, suggest+, believe+, report+, insist+,
warn+, argue+, note+, add+, state+, explain+, acknowledge+, admit+, contend+, assert+, maintain+,
allege+, confirm+, concede+, complain+, whisper+, hint+, indicate+, mutter+, grumble+, quip+
""")

# Nouns for people and groups. Not a cue on their own (so not a signal): a judging word right
# before one is how labeling usually looks ("weakened leader", "radical activists"), see
# features.judged_people. Written from general English, not from the keys.
PEOPLE = frozenset(_entries("""
people, person, persons, man, men, woman, women, youth, youths, kid, kids, child, children,
teen, teens, teenager, teenagers, family, families, parent, parents, resident, residents,
neighbour, neighbours, neighbor, neighbors, citizen, citizens, voter, voters, taxpayer, taxpayers,
worker, workers, employee, employees, staff, staffer, staffers, union, unions, boss, bosses,
owner, owners, landlord, landlords, tenant, tenants, renter, renters, developer, developers,
executive, executives, manager, managers, investor, investors, banker, bankers, businessman,
businessmen, entrepreneur, entrepreneurs, company, companies, firm, firms, corporation,
corporations, official, officials, politician, politicians, lawmaker, lawmakers, legislator,
legislators, councillor, councillors, councilor, councilors, council, councilman, councilwoman,
mayor, governor, minister, ministers, leader, leaders, leadership, president, premier, senator,
senators, government, administration, authorities, authority, agency, agencies, party, parties,
campaigner, campaigners, activist, activists, protester, protesters, protestor, protestors,
demonstrator, demonstrators, marcher, marchers, crowd, crowds, group, groups, movement, organiser,
organisers, organizer, organizers, supporter, supporters, opponent, opponents, critic, critics,
scientist, scientists, researcher, researchers, expert, experts, academic, academics, professor,
doctor, doctors, nurse, nurses, teacher, teachers, student, students, judge, judges, lawyer,
lawyers, attorney, attorneys, prosecutor, prosecutors, defendant, defendants, police, officer,
officers, cop, cops, soldier, soldiers, troops, fighter, fighters, fan, fans, player, players,
team, club, owners, coach, journalist, journalists, reporter, reporters, media, press, commentator,
commentators, pundit, pundits, lobbyist, lobbyists, advocate, advocates, immigrant, immigrants,
migrant, migrants, refugee, refugees, newcomer, newcomers, elite, elites, establishment
"""))

LEXICONS: tuple[Lexicon, ...] = (
    Lexicon("intensifiers", "an intensifier, a word that turns up the volume", INTENSIFIERS),
    Lexicon("hedges", "a hedge, a word that turns a guess into a likely fact", HEDGES),
    Lexicon("judgment", "a judging word that tells you what to think", JUDGMENT),
    Lexicon("loaded", "an emotionally charged word where a plainer one exists", LOADED),
    Lexicon("labels", "a label that sorts people into a judged group", LABELS),
    Lexicon("dismissive", "a dismissive phrase that waves something away", DISMISSIVE),
    Lexicon("motive", "a purpose phrase that claims to know why someone acted", MOTIVE),
    Lexicon("editorial", "a sign of the writer's own opinion", EDITORIAL),
    Lexicon("anonymous", "a way of naming a source nobody can identify", ANONYMOUS),
    Lexicon("reporting", "a reporting verb that attributes words to a source", REPORTING),
    # filled from the VADER sentiment lexicon (Hutto & Gilbert 2014, MIT licence), see charged_words()
    Lexicon("negative", "a strongly negative word (people rated it so in the VADER word list)", ()),
    Lexicon("positive", "a strongly positive word (people rated it so in the VADER word list)", ()),
)


@lru_cache(maxsize=1)
def charged_words() -> dict[str, float]:
    """Words people rated as strongly emotional, from the lexicon shipped with vaderSentiment.

    VADER's 7,500 entries were each rated by ten people, which makes it a writer-independent
    measure of emotional charge; only plain words (letters, hyphens, apostrophes) with a mean
    rating of at least CHARGE_CUTOFF either way are kept.
    """
    source = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    words = {}
    for line in source.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].replace("-", "").replace("'", "").isalpha():
            valence = float(parts[1])
            if abs(valence) >= CHARGE_CUTOFF:
                words[parts[0].lower()] = valence
    return words
