from django.apps import AppConfig


class ChampionsConfig(AppConfig):
    """The register of QI champions and coaches: nominations, consent, review, agreed and committed hours,
    and the dosage of coaches and experts per organisation. It reads people, organisations and places
    (community) and training records (training); facilitation assigns its champions to requests. Its
    object rules (`champions.permissions`) are loaded by core's autodiscovery like every app's."""

    name = "champions"
    verbose_name = "Champions: the register of QI champions and coaches"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from champions.search_section import champions_section
        from community import search

        search.register(champions_section, order=30)
