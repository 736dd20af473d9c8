"""The labelling page's wire protocol, shared by the student API and the key editor's API."""
