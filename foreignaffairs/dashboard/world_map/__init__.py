"""The world map of the overview and the partner list: countries shaded by their number of partners, each a link to
the partner list filtered by it, with agreements in force and this year's delegations in its tooltip and in the
table beside the map.

`figures` counts (one query, cached like the overview's figures); `drawing` turns the counts and the shipped
shapes into what templates/dashboard/_world_map.html draws; `shapes.json` is the map data, made by
`build_shapes.py` from Natural Earth (public domain) as the npm package world-atlas ships it: no tile, script or
font is fetched when a page is shown. Part of the dashboard room: the dashboard's views import it; nothing else does.
"""
