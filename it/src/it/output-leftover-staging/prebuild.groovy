// What killed builds leave, made by hand: a kill cannot be timed in an IT.
//  - target/.stateforge.stateforge-new-4711: a partial tree that builds before the marker staged beside the output;
//  - in target/stateforge: a README of the user's, and a build killed while applying its transaction.
//    It had staged its marker (listing two files), renamed one file into place, and not yet the other.
import java.security.MessageDigest

def sha = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
def write = { File file, String text -> file.parentFile.mkdirs(); file.text = text; file }

def target = new File(basedir, 'target')
write(new File(target, '.stateforge.stateforge-new-4711/orders-db/base/statefulset.yaml'), '# half-written')

def out = new File(target, 'stateforge')
write(new File(out, 'README.md'), 'Kept by hand.\n')
def placed = 'kind: ConfigMap # placed by the killed build\n'
def staged = 'kind: ConfigMap # still staged\n'
write(new File(out, 'stale/placed.yaml'), placed)
def pending = new File(out, '.stateforge/pending')
write(new File(pending, 'new/stale/staged.yaml'), staged)
write(new File(pending, 'changes'), 'stale/placed.yaml\nstale/staged.yaml\n')
write(new File(pending, 'manifest'), """\
# stateforge-manifest: 1
# generator: stateforge-maven-plugin 0.0.0
${sha(placed.bytes)}  stale/placed.yaml
${sha(staged.bytes)}  stale/staged.yaml
""")
return true
