#!/usr/bin/env python3
"""Wraps C# lines longer than the limit (.editorconfig's max_line_length, 120) so the code keeps one width.

Usage: tools/wrap-long-lines.py [--limit 120] [--check] FILE...

- `///` and `//` comment lines are reflowed at spaces, keeping their prefix (XML doc tags stay on one line where
  possible; text inside <code> blocks is left alone and reported).
- A code line is broken at the rightmost space outside string and character literals that fits, preferring a break
  after a comma, before `=>`, `&&`, `||`, `?`, `:` or `+`; the continuation is indented four columns deeper. A trailing
  `//` comment that makes the line long moves to its own line above. A string literal with no break outside it is
  split into two literals joined by `+` (interpolated and verbatim strings keep their prefix).
- Lines it cannot wrap are printed, so a person can finish them; --check only lists long lines and exits 1 if any.
Any break between two tokens is valid C#, so the result compiles as before; build and test after running it.
"""
import re
import sys

LIMIT = 120


def scan(line):
    """Per character: 'c' code, 's' inside a string/char literal (not an interpolation hole), 'm' comment.

    Also records, for the text of each top-level literal ('t'), that literal's prefix ($, @, $@) in PREFIXES.
    """
    kinds = []
    PREFIXES.clear()
    top_prefix = ''
    i, n = 0, len(line)
    stack = []  # string contexts: dicts with verbatim, interpolated, depth (open braces inside a hole)
    while i < n:
        ch = line[i]
        if not stack:
            if line.startswith('//', i):
                kinds.extend('m' * (n - i))
                break
            m = re.match(r'(\$@|@\$|\$|@)?"', line[i:])
            if m and not (line.startswith('"""', i) or line.startswith('$"""', i)):
                prefix = m.group(1) or ''
                top_prefix = prefix
                stack.append({'verbatim': '@' in prefix, 'interp': '$' in prefix, 'hole': 0})
                kinds.extend('s' * len(m.group(0)))
                i += len(m.group(0))
                continue
            if ch == "'":
                m = re.match(r"'(\\.[^']*|[^'\\])'", line[i:])
                if m:
                    kinds.extend('s' * len(m.group(0)))
                    i += len(m.group(0))
                    continue
            kinds.append('c')
            i += 1
            continue
        ctx = stack[-1]
        if ctx['hole'] > 0:  # code inside an interpolation hole
            m = re.match(r'(\$@|@\$|\$|@)?"', line[i:])
            if m:
                prefix = m.group(1) or ''
                stack.append({'verbatim': '@' in prefix, 'interp': '$' in prefix, 'hole': 0})
                kinds.extend('s' * len(m.group(0)))
                i += len(m.group(0))
                continue
            if ch == '{':
                ctx['hole'] += 1
            elif ch == '}':
                ctx['hole'] -= 1
            kinds.append('h')
            i += 1
            continue
        # inside string text
        if ctx['verbatim'] and line.startswith('""', i):
            kinds.extend('ss')
            i += 2
            continue
        if not ctx['verbatim'] and ch == '\\':
            kinds.extend('ss')
            i += 2
            continue
        if ctx['interp'] and line.startswith('{{', i):
            kinds.extend('ss')
            i += 2
            continue
        if ctx['interp'] and ch == '{':
            ctx['hole'] = 1
            kinds.append('h')
            i += 1
            continue
        if ch == '"':
            stack.pop()
            kinds.append('s')
            i += 1
            continue
        kinds.append('t' if len(stack) == 1 else 's')  # text of a top-level literal: a place it may be split
        if len(stack) == 1:
            PREFIXES[len(kinds) - 1] = top_prefix
        i += 1
    return kinds[:n] + ['c'] * (n - len(kinds))


PREFIXES = {}


def string_prefix_at(line, kinds, pos):
    if pos in PREFIXES:
        return PREFIXES[pos]
    """The prefix ($, @, $@) of the string literal that contains pos."""
    j = pos
    while j > 0 and not (line[j] == '"' and kinds[j] == 's' and (j == 0 or kinds[j - 1] != 's' or line[j - 1] in '$@')):
        j -= 1
    k = j
    while k > 0 and line[k - 1] in '$@':
        k -= 1
    return line[k:j]


def wrap_comment(line, limit):
    m = re.match(r'^(\s*///?\s?)', line)
    prefix = m.group(1)
    words = []
    for token in line[len(prefix):].split(' '):  # an XML tag's attributes stay with the tag
        if words and words[-1].count('<') > words[-1].count('>'):
            words[-1] += ' ' + token
        else:
            words.append(token)
    out, cur = [], prefix
    for w in words:
        candidate = cur + w if cur == prefix else cur + ' ' + w
        if len(candidate) > limit and cur != prefix:
            out.append(cur)
            cur = prefix + w
        else:
            cur = candidate
    out.append(cur)
    return out


def wrap_code(line, limit, depth=0):
    if len(line) <= limit or depth > 12:
        return [line]
    indent = re.match(r'^\s*', line).group(0)
    cont = indent + ('' if depth else '    ')
    kinds = scan(line)
    # a trailing comment that makes the line long goes above it
    if 'm' in kinds:
        at = kinds.index('m')
        code = line[:at].rstrip()
        if code.strip():
            comment = indent + line[at:]
            return wrap_comment(comment, limit) + wrap_code(code, limit, depth)
    best, best_score, best_after = None, None, False
    depth = 0
    depths = []
    for k, ch in enumerate(line):  # paren depth before each character, outside literals
        depths.append(depth)
        if kinds[k] == 'c':
            if ch in '([{':
                depth += 1
            elif ch in ')]}':
                depth -= 1
    base_depth = min(depths[len(indent):] or [0])
    for i in range(len(indent) + 8, min(len(line), limit + 1)):
        if kinds[i] != 'c':
            continue
        d = depths[i] - base_depth
        after_paren = line[i - 1] == '(' and line[i] not in ' )'
        if line[i] != ' ' and not after_paren:
            continue
        before = line[:i].rstrip()
        after = line[i:].lstrip() if after_paren else line[i + 1:].lstrip()
        if len(after.strip()) < 3 or not before.strip() or len(before) > limit:
            continue  # nothing worth a line of its own (a lone "+") or a head still too long
        if re.search(r'\b(new|throw new|return|await|out|ref|in|is|as|typeof|nameof)$', before) \
                or re.match(r'[(.\[]', after) or before.endswith('.'):
            continue  # never split a keyword from its operand, or a name from its call
        if d == 0 and before.endswith(')') and re.match(r'\s*(else\s+)?(if|foreach|for|while|using|lock)\s*\(',
                                                          line[len(indent):]) and not after.startswith('{') \
                and depths[i - 1] == base_depth + 1:
            score = 1000  # the statement after a short if (…), foreach (…), …
        elif before.endswith('=>'):
            score = 900 - 40 * d
        elif re.match(r'\?\s', after) or re.match(r':\s', after) and ' ? ' in line[:i]:
            score = 520 - 150 * d  # a conditional's branches before anything inside its condition
        elif before.endswith(','):
            score = 500 - 150 * d
        elif re.match(r'(&&|\|\||\?\?)\s', after):
            score = 450 - 150 * d
        elif before.endswith(' =') or re.match(r'(\+|-|\*|/)\s', after):
            score = 380 - 150 * d
        elif after_paren:
            score = 300 - 150 * d
        else:
            score = -150 * d
        score += i / 1000
        if best_score is None or score > best_score:
            best, best_score, best_after = i, score, after_paren
    if best is not None:
        head = line[:best].rstrip()
        tail = cont + (line[best:] if best_after else line[best + 1:]).lstrip()
        return [head] + wrap_code(tail, limit, depth + 1)
    # split a string literal at a space of its text
    for i in range(min(len(line), limit - 3), len(indent) + 8, -1):
        if kinds[i] == 't' and line[i] == ' ':
            prefix = string_prefix_at(line, kinds, i)
            head = line[:i + 1] + '" +'
            tail = cont + prefix + '"' + line[i + 1:]
            if len(head) <= limit:
                return [head] + wrap_code(tail, limit, depth + 1)
    return [line]


STARTS_ELEMENT = re.compile(
    r'^\s*///\s*(<(/?)(para|param|summary|remarks|returns|typeparam|exception|code|list|item|example|inheritdoc|value)\b|$)')


def comment_prefix(line):
    m = re.match(r'^(\s*///?\s?)', line)
    return m.group(1) if m else None


def process(path, limit, check):
    text = open(path, encoding='utf-8').read()
    lines = text.split('\n')
    out, left, in_code = [], [], False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if '<code>' in stripped:
            in_code = True
        if '</code>' in stripped:
            in_code = False
        if len(line) <= limit or check:
            out.append(line)
        elif stripped.startswith('//') and not in_code and not stripped.endswith('</code>'):
            wrapped = wrap_comment(line, limit)
            prefix = comment_prefix(line)
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            # carry the overflow into the next line of the same paragraph, so the text reflows instead of leaving a stub
            if (len(wrapped) > 1 and nxt is not None and comment_prefix(nxt) == prefix
                    and prefix.strip() in ('///', '//')
                    and not STARTS_ELEMENT.match(nxt) and '<code>' not in nxt and len(wrapped[-1]) - len(prefix) < 60):
                out.extend(wrapped[:-1])
                lines[i + 1] = wrapped[-1] + ' ' + nxt[len(prefix):]
            else:
                out.extend(wrapped)
        elif stripped.startswith('//') or stripped.startswith('#'):
            out.append(line)
        else:
            out.extend(wrap_code(line, limit))
        i += 1
    for number, line in enumerate(out, 1):
        if len(line) > limit:
            left.append(f'{path}:{number}: {len(line)} characters')
    if not check and out != lines:
        open(path, 'w', encoding='utf-8').write('\n'.join(out))
    return left


def main(argv):
    limit, check, files = LIMIT, False, []
    it = iter(argv)
    for a in it:
        if a == '--limit':
            limit = int(next(it))
        elif a == '--check':
            check = True
        else:
            files.append(a)
    left = []
    for f in files:
        if not f.endswith('.cs'):
            print(f'{f}: not a C# file, left alone', file=sys.stderr)
            continue
        left.extend(process(f, limit, check))
    for entry in left:
        print(entry)
    return 1 if (check and left) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
