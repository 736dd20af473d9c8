"""Teacher authoring: adding articles from the browser and writing answer keys."""
