"""The documents staff print or finish by hand: the partner briefing (one A4 page, PDF) and the periodic
foreign-affairs report (DOCX to edit, and PDF). Each is built from what the dashboard shows, never from anything
else, and laid out from an HTML template (PDF, by WeasyPrint) or written with python-docx (DOCX)."""
