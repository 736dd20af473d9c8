"""The teacher's dashboard of an assignment: completion, scores, the class on the article, agreement."""
