"""The pages that span the apps: the overview, a partner with everything linked to it, the error pages, and the
dashboard's URLs.

Composition: these modules import the apps (partners, agreements, delegations, projects); no app imports them.
`charts` and `timeline` are the overview's and the partner page's own parts. The lists and detail pages of one
kind of record live in that app's views.
"""
