from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The dashboard machinery every feature plugs into: the registry, the builder contract (`shape`),
    snapshots, debounced rebuilds after data changes, and the rebuild tasks. It sits below the features,
    which register their builders with it in their own `ready()`; it imports none of them."""

    name = "dashboards"
    verbose_name = "Dashboards: snapshots and rebuilds"
