import factory

from buurtplein.accounts.models import Interest, Organisation, Profile, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"buur{n}@example.nl")
    first_name = factory.Iterator(["Fatima", "Jan", "Els", "Mohamed", "Anouk", "Henk", "Priya"])
    last_name = factory.Iterator(["de Vries", "Bakker", "Yilmaz", "Jansen", "El Amrani", "Smit"])
    password = factory.PostGenerationMethodCall("set_password", "wachtwoord-123")

    @factory.post_generation
    def with_profile(self, create, extracted, **kwargs):
        if create:
            self.save()
            Profile.objects.get_or_create(user=self)


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ["slug"]

    kind = Interest.Kind.INTEREST
    slug = factory.Sequence(lambda n: f"interest-{n}")
    name_nl = factory.Sequence(lambda n: f"Interesse {n}")
    name_en = factory.Sequence(lambda n: f"Interest {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Welzijn {n}")
    slug = factory.Sequence(lambda n: f"welzijn-{n}")
    kind = Organisation.Kind.WELFARE
