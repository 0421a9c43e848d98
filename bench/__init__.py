"""The benchmark: settings, urls and the two baseline views it serves next to Buurtplein."""
