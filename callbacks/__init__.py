"""Every callback of the app, registered by importing its module here."""
