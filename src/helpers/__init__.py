"""Helpers for the IKM workspace.

Data flow: raw text -> register of figures -> clean table -> trends -> targets ->
multiverse -> hindsight -> report -> runner (published reports).
"""
