"""The QI champion register: nomination, review, the directory, capacity and capability dosage.

Its own app above `community` (people, organisations, places) and `training` (the records behind a
champion's level). Pure rules: `capacity` (free hours, commitments, ranking) and `dosage` (targets and
gaps); neither imports Django.
"""
