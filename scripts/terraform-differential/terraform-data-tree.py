"""Copies a module tree, each aws_* resource replaced by a terraform_data whose input refers to what
the resource refers to (same count/for_each), so that `terraform init` and `terraform console` run
offline (terraform_data's provider is built in) with the same dependencies between variables,
locals, outputs and module instances. Not a test: tests never run terraform.

  python3 scripts/terraform-differential/terraform-data-tree.py test/fixtures/terraform/module-outputs /tmp/tree
  cd /tmp/tree/indexed && terraform init && echo 'keys(module.media)' | terraform console

An attribute other than id of a resource stands as terraform_data's output (known after apply, as
the resource's would be); a resource's blocks are dropped, only what they refer to is kept."""
import os, re, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True)
shutil.copytree(src, dst)
REF = re.compile(r'\b(?:var|local|module|each|count)\.[\w.\-\[\]"]+|\baws_\w+\.\w+(?:\[[^\]]*\])?(?:\.\w+)?')
def rename(text):
    text = re.sub(r'\baws_(\w+?)\.(\w+)', lambda m: f'terraform_data.aws_{m.group(1)}__{m.group(2)}', text)
    # terraform_data has id, input and output: every other attribute of the resource stands as output.
    return re.sub(r'(terraform_data\.\w+(?:\[[^\]]*\])?)\.(?!id\b|input\b|output\b)(\w+)', r'\1.output', text)
for root, _, files in os.walk(dst):
    for f in files:
        if not f.endswith('.tf'): continue
        p = os.path.join(root, f); s = open(p).read(); out = ''; i = 0
        for m in re.finditer(r'resource "aws_(\w+)" "(\w+)" \{', s):
            if m.start() < i: continue
            depth, j = 0, m.end() - 1
            while True:
                depth += {'{': 1, '}': -1}.get(s[j], 0); j += 1
                if depth == 0: break
            body = s[m.end():j - 1]
            meta = [l.strip() for l in body.splitlines() if re.match(r'  (count|for_each)\s*=', l)]
            rest = '\n'.join(l for l in body.splitlines() if not re.match(r'  (count|for_each)\s*=', l))
            refs = sorted(set(r.rstrip('.') for r in REF.findall(rest)))
            out += s[i:m.start()] + f'resource "terraform_data" "aws_{m.group(1)}__{m.group(2)}" {{\n  ' + '\n  '.join(meta) + f'\n  input = [{", ".join(refs)}]\n}}'
            i = j
        out += s[i:]
        open(p, 'w').write(rename(out))
