"""Every word list the extractors use, kept out of the logic modules (as spaCy keeps ``lang/en/``).

``calendar`` month/weekday names and time words; ``units`` units of measure
and currencies; ``places`` countries, capitals, demonyms; ``roles`` titles
and role nouns; ``speaker_types`` words that tell a government, military,
media or expert source apart; ``name_words`` words that are never part of a person's
name; ``clause_words`` words that bound a speaker phrase; ``reporting``
reporting verbs ("said", "denied") and source nouns; ``stance_words`` hedge,
denial and negation words; ``quantity_words`` qualifiers and the words that
make a number a name, an age or page furniture; ``function_words`` words
empty of claim content.
"""
