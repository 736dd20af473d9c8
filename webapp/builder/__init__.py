"""The builder feature: teachers' own exercises and lessons, lesson files in and out, retraining."""
