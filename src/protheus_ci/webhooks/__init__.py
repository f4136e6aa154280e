"""Webhook receivers, one module per forge behind one interface (``base.Receiver``).

Each receiver is sans-io: it takes the raw headers and body, verifies the signature and
parses the delivery into normalized push events, and touches neither the network, the
database nor Flask. ``blueprint`` is the thin HTTP layer that records and enqueues.
"""
