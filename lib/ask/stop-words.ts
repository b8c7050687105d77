/**
 * Words that say nothing about which passage answers a question ("what is the …", "what did he say about …").
 * The second line is verbs and quantifiers that frame a question more than they name its subject; like the
 * first, they are in common English stop-word lists.
 */
export const STOP = new Set(
  ('a an and are as at be but by can could did do does for from had has have how i if in into is it its me my not of on or ' +
    'our should so than that the their them then there these they this to was we were what when where which who whom why ' +
    'will with would you your about tell says said page text article please explain describe ' +
    'say want wants get gets give gives many much most done main').split(' '),
);
