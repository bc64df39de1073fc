from django.apps import AppConfig


class ChampionsConfig(AppConfig):
    """The register of QI champions and coaches: nominations, consent, review, agreed and committed hours,
    and the dosage of coaches and experts per organisation. It reads people, organisations and places
    (community) and training records (training); facilitation assigns its champions to requests. Its
    object rules (`champions.permissions`) are loaded by core's autodiscovery like every app's."""

    name = "champions"
    verbose_name = "Champions: the register of QI champions and coaches"
