"""Runs: from a received revision to the outcome of every stage.

Flow, one verb per module: ``create`` makes runs from pushes, ``runner`` executes them
stage by stage (``stages/``), ``control`` cancels and retries, ``leases`` finds runs whose
worker died, ``reporters/`` posts commit statuses back to the forge. Nothing here imports
Flask; the web layer calls in, never the other way round.
"""
