/** Characters a coc-vm password may hold: digits, letters and the seed's specials `!@$%^-_=+[{}]:,./?`. */
const ALLOWED = /^[0-9A-Za-z!@$%^\-_=+[{}\]:,./?]*$/;
const UPPER_OR_SPECIAL = /[A-Z!@$%^\-_=+[{}\]:,./?]/;

/** Sequences no three consecutive characters of which may appear, forwards or backwards (case-insensitive). */
const SEQUENCES = [
  "0123456789",
  "abcdefghijklmnopqrstuvwxyz",
  // keyboard rows and columns ("qwer", "qaz")
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "qaz",
  "wsx",
  "edc",
  "rfv",
  "tgb",
  "yhn",
  "ujm",
];

function containsTriple(text: string, sequence: string): boolean {
  const reversed = [...sequence].reverse().join("");
  for (const seq of [sequence, reversed])
    for (let i = 0; i + 3 <= seq.length; i++) if (text.includes(seq.slice(i, i + 3))) return true;
  return false;
}

/**
 * passwordRuleBroken returns the rule of the createInstances seed that a password breaks, worded for the user, or
 * undefined when it follows them all.
 */
export function passwordRuleBroken(password: string): string | undefined {
  if (password.length < 8 || password.length > 26) return "must be 8-26 characters";
  if (!ALLOWED.test(password)) return "may contain only digits, letters and the special characters !@$%^-_=+[{}]:,./?";
  if (!/[0-9]/.test(password) || !/[a-z]/.test(password) || !UPPER_OR_SPECIAL.test(password))
    return "must contain a digit, a lower-case letter, and an upper-case letter or a special character";
  const lower = password.toLowerCase();
  if (containsTriple(lower, SEQUENCES[0])) return "must not contain consecutive digits such as 123 or 987";
  if (containsTriple(lower, SEQUENCES[1])) return "must not contain consecutive letters such as abc or CBA";
  if (SEQUENCES.slice(2).some((s) => containsTriple(lower, s))) return "must not contain adjacent keyboard keys such as qaz or qwer";
  if (lower.includes("root") || lower.includes("toor")) return 'must not contain "root" or its reverse';
  if (containsTriple(lower, "administrator")) return 'must not contain "Administrator", its reverse, or any three consecutive characters of it';
  return undefined;
}
