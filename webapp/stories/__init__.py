"""The same-story comparison pages for teachers."""
