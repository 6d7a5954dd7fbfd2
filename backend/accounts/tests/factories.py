import factory
from django.contrib.auth import get_user_model

PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    """An active agent whose password is PASSWORD."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"agent{n}")
    first_name = factory.Sequence(lambda n: f"Agent {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@support.example")
    password = factory.django.Password(PASSWORD)
    is_active = True
