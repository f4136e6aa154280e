"""Tenants (customers), their repositories, users and API tokens."""
