"""The documents staff print or finish by hand: the periodic report."""
