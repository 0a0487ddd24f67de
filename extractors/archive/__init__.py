"""Archives (zip): safe unpacking with limits on members, sizes and paths."""
