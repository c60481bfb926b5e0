"""Rules that refuse guessable passwords: too few different characters, one chunk repeated,
runs along the alphabet, the digits or a keyboard row, and the words that top every survey
of leaked passwords (with digits, symbols and look-alike characters around or inside them).

Provenance of `COMMON_WORDS`: written by hand for this project from general knowledge of
what published analyses of breached passwords report year after year (e.g. the UK NCSC's
2019 "most hacked passwords" analysis and the yearly lists of password-manager vendors):
ordinary English words, first names, sports, pets and keyboard walks. No list was copied;
the words are common vocabulary, placed in the public domain with this project's code.
"""

from __future__ import annotations

import re

#: Base words people pick (lower case, letters only; digits and symbols are stripped first).
COMMON_WORDS = frozenset("""
password passwort passw passe motdepasse contrasena senha wachtwoord salasana haslo
letmein welcome welcome hello hellothere admin administrator root login user guest test
tester testing default changeme secret private access master monkey dragon shadow sunshine
princess football baseball soccer hockey basketball golf tennis cricket superman batman
spiderman pokemon starwars iloveyou loveyou lovely love mylove trustno trustnoone whatever
freedom qwerty qwertz azerty asdf zxcv qazwsx qweasd iloveu michael jennifer jordan
michelle daniel jessica charlie thomas robert matthew andrew joshua ashley amanda nicole
hunter ranger buster tigger ginger pepper maggie bailey cookie chocolate cheese banana
summer winter autumn spring flower computer internet google facebook samsung apple
iphone microsoft windows linux killer mustang harley ferrari corvette porsche mercedes
diamond silver golden money dollar bitcoin pass passpass mypass mypassword newpassword
oldpassword temp temporary secure security abc abcd abcdef abcdefg abcdefgh
news newsgraph journalist reporter editor newsroom welcometo mysecret opensesame
jesus christ angel blessed heaven family friends forever nothing something everything
blink liverpool chelsea arsenal manchester barcelona madrid juventus yankees cowboys
steelers eagles lakers warriors matrix zombie ninja pirate wizard merlin gandalf hobbit
""".split())
#: Keyboard rows and other sequences a password may walk along (either way).
SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl",
             "zxcvbnm", "qwertzuiop", "azertyuiop", "1qaz2wsx3edc4rfv", "1q2w3e4r5t6y7u8i9o0p")
#: Look-alike characters mapped back to letters before comparing with the words.
LOOK_ALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                             "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"})
_REPEATED_UNIT = re.compile(r"(.{1,6}?)\1+")


def _along_sequence(text: str) -> bool:
    """Whether `text` (4+ characters) lies along one of `SEQUENCES`, forwards or backwards."""
    return len(text) >= 4 and any(text in run or text in run[::-1] for run in SEQUENCES)


def _without_runs(text: str) -> str:
    """`text` with every repetition of a short chunk and every 4+ character stretch of a
    sequence taken out: what is left is what a guesser cannot walk or repeat."""
    text = _REPEATED_UNIT.sub(lambda m: "" if len(m.group()) >= 4 else m.group(), text)
    kept, position = [], 0
    while position < len(text):
        longest = 0
        for end in range(len(text), position + 3, -1):
            if _along_sequence(text[position:end]):
                longest = end - position
                break
        if longest:
            position += longest
        else:
            kept.append(text[position])
            position += 1
    return "".join(kept)


def _base_words(text: str) -> set[str]:
    """The letters-only cores of `text`: digits and symbols at either end dropped, then
    look-alikes inside read as letters (or dropped), and a core made of one repeated chunk
    also as that chunk."""
    ends = re.sub(r"^[^a-z]+|[^a-z]+$", "", text)
    cores = set()
    for variant in (ends.translate(LOOK_ALIKES), ends, text):
        core = re.sub(r"[^a-z]", "", variant)
        if core:
            cores.add(core)
            single = _REPEATED_UNIT.fullmatch(core)
            if single:
                cores.add(single.group(1))
    return cores


def _only_personal(core: str, personal: tuple[str, ...]) -> bool:
    """Whether `core` is (almost) nothing but words about the account."""
    for word in sorted(personal, key=len, reverse=True):
        core = core.replace(word, "")
    return len(core) < 3


def weakness(password: str, personal: tuple[str, ...] = ()) -> str | None:
    """Why `password` is easy to guess, or None. `personal` holds words about the account
    (the e-mail address's parts) that must not be the password's core either."""
    lowered = password.lower()
    if len(set(lowered)) <= 3:
        return "The password repeats too few different characters."
    if len(_without_runs(lowered.replace(" ", ""))) < 4:
        return "The password is mostly a repeated or keyboard sequence."
    cores = _base_words(lowered)
    if cores & COMMON_WORDS:
        return "The password is too common; choose one that others would not."
    personal = tuple(word for word in personal if len(word) >= 3)
    if personal and any(_only_personal(core, personal) for core in cores):
        return "The password is made of your e-mail address; choose another."
    return None
