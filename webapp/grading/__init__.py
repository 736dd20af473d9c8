"""Grading, in one place and without Flask: which cues are in play and in what order
(:mod:`.cues`), how a student's labels score against a key (:mod:`.scoring`), and the words for
work statuses and exercise modes (:mod:`.states`).

The feedback page, the class dashboard and every export call these, so a student's score, the
dashboard's and the gradebook's are one computation, not three kept equal by tests.
"""
