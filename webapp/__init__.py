"""FrameLab: a media-bias and framing classroom toolkit.

The package root imports nothing heavy: `webapp.analysis` and `webapp.corpus` stay free of
Flask so that the text analysis runs from the command line and in tests without a web request.
"""

__version__ = "0.1.0"
