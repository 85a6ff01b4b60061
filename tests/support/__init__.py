"""What the tests share and are not tests themselves: fixtures, fakes, local servers and readers."""
