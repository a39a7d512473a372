"""Cooperation projects (ODA, FDI, aid …) with their money per currency, and the figures published sources report.

Above agreements (a project may carry out an agreement) and partners (its funder and channel); beside delegations,
which it does not import. Its tables were agreements' until migration projects 0001 moved them here.
"""
