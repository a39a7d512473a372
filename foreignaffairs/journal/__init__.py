"""The relationship's journal: dated notes of what happens between the milestones (a call, a letter or diplomatic
note sent or received, a meeting, an email), each about one partner, agreement, delegation or project.

An app of its own in the composition layer, since a note may point at a record of any of the four apps.
"""
