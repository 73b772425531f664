"""Chart builders, one module per chapter: each takes the tidy frame an analysis function
returned and gives back an Altair chart (presentation only; no arithmetic on the data)."""
