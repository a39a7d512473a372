"""Finding a record by every name it is known by: its own, and those of the records around it.

`related_text` (each searchable record's `related_search_text`: the folded names of the records it links, kept
current in SQL on every save, link change and delete, without a query per linked row) and `matching` (the rows
of a list that hold every word of a query, for the lists' `q` and the admin's search box, and ranked best first
for a search across kinds). Folding itself, and the word-by-word condition, are foreignaffairs.text_search.

A primitive, beside foreignaffairs.models (whose SearchableModel calls it on save): the apps declare on their
models what finds them and connect their link signals from their AppConfig.ready(); the kits (lists, admin)
import it; it imports no app, and finds the apps' declarations among the installed models at run time.
"""
