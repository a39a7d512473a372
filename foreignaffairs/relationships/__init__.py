"""What is known of each partner across the apps, judged: its health (active, cooling, dormant, or not enough data).

`health` holds the rules, their thresholds and the SQL that reads, for a whole list of partners at once, the facts
they rest on (last contact of each kind, agreements in force, reviews and follow-ups overdue); `filtersets` the
partner list's FilterSet that filters and sorts by it; `api` the partners' API view that carries it.

Composition: it reads partners, agreements, delegations and projects, so no app may import it; the dashboard, the
API's composition modules and the export do.
"""
