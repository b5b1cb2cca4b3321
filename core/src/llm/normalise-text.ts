import { foldAccents } from '../text/fold-accents';

// Invisible format characters (zero-width space and joiners, word joiner, bidi controls, soft
// hyphen, BOM): "Ig\u200bnore" reads as "Ignore".
const formatCharacters = /\p{Cf}/gu;
// Cyrillic and Greek letters drawn like Latin ones ("ѕystem" with U+0455), and their Latin twins.
const lookalikeFrom = 'аеорсухкіјѕԁһӏԛԝАВЕКМНОРСТХУІЈЅαορινυκτεχϲϳΑΒΕΖΗΙΚΜΝΟΡΤΥΧ';
const lookalikeTo = 'aeopcyxkijsdhlqwABEKMHOPCTXYIJSaopivuktexcjABEZHIKMNOPTYX';
const lookalike = new RegExp(`[${lookalikeFrom}]`, 'g');
// Three or more single letters spaced out with one separator: a dot, hyphen or underscore (spaces
// around it allowed) or a space ("i.g.n.o.r.e", "s-y-s-t-e-m p-r-o-m-p-t", "i g n o r e").
const spacedLetters = /(?<![\p{L}\p{N}])\p{L}( ?[._-] ?| )\p{L}(?:\1\p{L})+(?![\p{L}\p{N}])/gu;

/**
 * Lower-cases, folds accents and curly quotes, and collapses whitespace, for pattern matching.
 * Disguises that keep the words readable are undone too: format characters are dropped, Latin
 * lookalikes from Cyrillic and Greek become Latin, and spaced-out letters are joined.
 */
export function normaliseForMatching(text: string): string {
  return foldAccents(text.replace(formatCharacters, ''))
    .replace(lookalike, (c) => lookalikeTo[lookalikeFrom.indexOf(c)] ?? c)
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(spacedLetters, (letters) => letters.replace(/[._ -]/g, ''))
    .trim();
}
