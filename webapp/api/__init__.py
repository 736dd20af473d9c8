"""The api feature: routes (and forms) of one part of the app."""
