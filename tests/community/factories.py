from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group

from community.models import Organisation, Place, SystemPriority, User
from core.roles import GROUP_NAMES, Role


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner Trust {n}")
    short_name = factory.Sequence(lambda n: f"PT{n}")
    kind = Organisation.Kind.ACUTE_TRUST
    headcount = 4000
    email_domains = factory.LazyAttribute(lambda o: [f"{o.short_name.lower()}.partner.example"])


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Locality {n}")
    kind = Place.Kind.PLACE
    parent = factory.LazyFunction(
        lambda: Place.objects.get_or_create(name="Test system", kind=Place.Kind.SYSTEM)[0]
    )


class SystemPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SystemPriority
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Priority {n}")
    slug = factory.Sequence(lambda n: f"priority-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@partner.example")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    job_title = "Nurse"
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("a-good-password-123")

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create or not extracted:
            return
        for role in extracted:
            if role in GROUP_NAMES:
                self.groups.add(Group.objects.get_or_create(name=GROUP_NAMES[Role(role)])[0])


def verified(user: User) -> User:
    """Mark the user's email as verified, as allauth requires before sign-in."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user
