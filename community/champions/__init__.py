"""The QI champion register: nomination, review, the directory, capacity and capability dosage.

Models live in `community.champions.models` and are exposed through `community.models`, so they belong to
the `community` app. Pure rules: `capacity` (free hours, commitments, ranking) and `dosage` (targets and
gaps); neither imports Django.
"""
