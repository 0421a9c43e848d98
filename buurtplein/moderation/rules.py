# ruff: noqa: E501  (the texts are kept one rule per line, as they are shown)
"""The default spelregels (house rules) of a neighbourhood, until its buurtverbinders write
their own. Plain B1 Dutch with "je", and English."""

DEFAULT_NL = """Welkom in de buurt! Zo houden we het hier fijn voor iedereen:

1. Wees aardig. Schrijf zoals je tegen een buur op straat praat. Niet schelden, niet pesten.
2. Iedereen hoort erbij. Geen grappen of woorden over iemands afkomst, geloof, geslacht, leeftijd of beperking.
3. Deel alleen wat van jou is. Zet geen adres, telefoonnummer of foto van een ander online zonder dat die persoon het goed vindt.
4. Geen reclame. Een tip over een buurtwinkel mag. Steeds je eigen bedrijf aanprijzen mag niet.
5. Klopt het? Deel alleen wat je zeker weet. Twijfel je, zeg dat er dan bij.
6. Ruzie? Bespreek het in een bericht aan die ene persoon, niet op het plein.
7. Zie je iets wat niet mag? Klik op "Melden". Een buurtverbinder kijkt ernaar. De schrijver ziet niet wie het meldde.

Houdt iemand zich niet aan de regels? Dan kan een buurtverbinder een bericht verbergen, de schrijver vragen het aan te passen, een waarschuwing geven, of iemand een tijd laten pauzeren. Ben je het er niet mee eens? Dan kun je één keer bezwaar maken. Een andere buurtverbinder kijkt dan opnieuw."""

DEFAULT_EN = """Welcome to the neighbourhood! This is how we keep it pleasant for everyone:

1. Be kind. Write the way you would talk to a neighbour in the street. No name-calling, no bullying.
2. Everyone belongs. No jokes or words about someone's background, faith, gender, age or disability.
3. Only share what is yours. Do not post someone else's address, phone number or photo unless they agree.
4. No advertising. A tip about a local shop is fine. Promoting your own business again and again is not.
5. Is it true? Only share what you know for sure. If you are not sure, say so.
6. An argument? Talk it over in a message to that one person, not on the square.
7. See something that is not okay? Click "Report". A buurtverbinder looks at it. The writer does not see who reported it.

If someone breaks the rules, a buurtverbinder can hide a post, ask the writer to change it, give a warning, or ask someone to take a break for a while. Do you disagree? Then you can object once. Another buurtverbinder will look at it again."""
