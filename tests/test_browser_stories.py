"""The same-story comparison in a real browser: a teacher reaches the seed story from the Stories
menu with the keyboard, jumps to "Derived copies" and finds seed 003 listed as derived from seed
002, with the quotation marks the copy lost."""

from __future__ import annotations

import re

import pytest
from fixtures_browser import sign_in_teacher

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def test_the_seed_storys_page_lists_003_as_derived_from_002(teacher, live_server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    sign_in_teacher(page, live_server, teacher.email)
    page.get_by_role("link", name="Stories", exact=True).click()
    page.get_by_role("link", name=re.compile("combat mission in Iraq")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Iraq")

    jump = page.locator('a[href="#derived"]')
    jump.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#derived$"))
    section = page.locator("#derived")
    expect(section).to_be_in_viewport()
    copy = section.locator("#copy-iraq-2021-003")
    expect(copy.get_by_role("heading", level=3)).to_have_text("iraq-2021-003 is derived from iraq-2021-002")
    expect(copy).to_contain_text("The file's metadata agrees.")
    expect(copy).to_contain_text("Quotation marks lost")
