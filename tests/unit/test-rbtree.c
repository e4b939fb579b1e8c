/* tests/unit/test-rbtree.c: the intrusive red-black tree (lib/rbtree.c).
 * A seeded random run of inserts and erases checked after every step
 * against the red-black rules and a sorted array; ascending and descending
 * inserts staying within the 2 log2(n + 1) depth bound; first, last, next
 * and prev; erasing every node of trees of every size up to 40 (root,
 * leaves, one-child and two-children nodes); rb_replace_node; rb_verify
 * catching each kind of broken tree; and rb_draw's exact drawing. */
#include "config.h"

#include "unit.h"
#include "vmdb/rbtree.h"

struct item {
	int key;
	struct rb_node rb;
};

#define POOL	512

static struct item pool[POOL];

static int
key_of(const struct rb_node *n)
{
	return rb_entry(n, struct item, rb)->key;
}

/* Links it where its key belongs; false (and nothing done) if taken. */
static bool
insert(struct rb_root *root, struct item *it)
{
	struct rb_node **link = &root->node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (it->key == key_of(parent))
			return false;
		link = it->key < key_of(parent) ? &parent->left
						 : &parent->right;
	}
	rb_link_node(&it->rb, parent, link);
	rb_insert_color(&it->rb, root);
	return true;
}

static struct item *
search(const struct rb_root *root, int key)
{
	struct rb_node *n = root->node;

	while (n && key_of(n) != key)
		n = key < key_of(n) ? n->left : n->right;
	return n ? rb_entry(n, struct item, rb) : NULL;
}

/* The tree obeys the rules; returns its black height. */
static int
verify_ok(const struct rb_root *root)
{
	char why[256];
	int h = rb_verify(root, why, sizeof(why));

	if (h < 0)
		fail_msg("rb_verify: %s", why);
	return h;
}

static int
depth_of(const struct rb_node *n)
{
	int l, r;

	if (n == NULL)
		return 0;
	l = depth_of(n->left);
	r = depth_of(n->right);
	return 1 + (l > r ? l : r);
}

/* Sound, in order both ways exactly as keys[0..n), and no deeper than a
 * red-black tree of n nodes can be. */
static void
assert_tree(const struct rb_root *root, const int *keys, int n)
{
	const struct rb_node *p;
	int i = 0, depth;

	verify_ok(root);
	for (p = rb_first(root); p; p = rb_next(p), i++) {
		assert_true(i < n);
		assert_int_equal(key_of(p), keys[i]);
	}
	assert_int_equal(i, n);
	for (p = rb_last(root); p; p = rb_prev(p)) {
		i--;
		assert_true(i >= 0);
		assert_int_equal(key_of(p), keys[i]);
	}
	assert_int_equal(i, 0);
	/* depth <= 2 log2(n + 1), i.e. 2^(depth/2) <= n + 1 */
	depth = depth_of(root->node);
	assert_true((1ull << (depth / 2)) <= (unsigned long long)n + 1);
}

/* ---- a seeded random run --------------------------------------------------- */

static u32
next_rand(u32 *s)
{
	/* xorshift32 */
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Puts key into (or, when add is false, takes it out of) the sorted
 * array sorted[0..*n). */
static void
model_update(int *sorted, int *n, int key, bool add)
{
	int i = 0;

	while (i < *n && sorted[i] < key)
		i++;
	if (add) {
		memmove(&sorted[i + 1], &sorted[i],
			(size_t)(*n - i) * sizeof(*sorted));
		sorted[i] = key;
		(*n)++;
	} else {
		assert_true(i < *n && sorted[i] == key);
		memmove(&sorted[i], &sorted[i + 1],
			(size_t)(*n - i - 1) * sizeof(*sorted));
		(*n)--;
	}
}

/*
 * 6000 steps on keys 0..POOL-1: a key found in the tree is erased, any
 * other inserted; the first half leans towards inserting (a missing key is
 * skipped a third of the time), the second towards erasing, so the tree
 * grows large and shrinks again.
 */
static void
test_random_run(void **state)
{
	struct rb_root root = RB_ROOT;
	static int sorted[POOL];
	int n = 0, step, inserts = 0, erases = 0, max = 0;
	u32 seed = 0x2632u;

	for (step = 0; step < POOL; step++)
		pool[step].key = step;
	for (step = 0; step < 6000; step++) {
		int key = (int)(next_rand(&seed) % POOL);
		bool present = search(&root, key) != NULL;
		bool lean_in = step < 3000;

		if (present && lean_in && next_rand(&seed) % 3 == 0)
			continue;
		if (!present && !lean_in && next_rand(&seed) % 3 == 0)
			continue;
		if (present) {
			rb_erase(&pool[key].rb, &root);
			assert_null(search(&root, key));
			erases++;
		} else {
			assert_true(insert(&root, &pool[key]));
			assert_ptr_equal(search(&root, key), &pool[key]);
			inserts++;
		}
		model_update(sorted, &n, key, !present);
		assert_tree(&root, sorted, n);
		if (n > max)
			max = n;
	}
	/* the run did what it says */
	assert_true(inserts > 1000 && erases > 1000);
	assert_true(max > POOL / 2);
	while (root.node) {
		int key = key_of(root.node);

		rb_erase(root.node, &root);
		model_update(sorted, &n, key, false);
		assert_tree(&root, sorted, n);
	}
	assert_int_equal(n, 0);
}

/* Sorted input is the classic worst case of an unbalanced tree. */
static void
test_sorted_inserts(void **state)
{
	static int keys[POOL];
	struct rb_root up = RB_ROOT;
	int i, h;

	for (i = 0; i < POOL; i++) {
		pool[i].key = i;
		keys[i] = i;
		assert_true(insert(&up, &pool[i]));
		assert_tree(&up, keys, i + 1);
	}
	h = verify_ok(&up);
	assert_true(h >= 5 && h <= 10);
	assert_false(insert(&up, &(struct item){ .key = 7 }));

	/* and downwards, on a fresh tree */
	{
		struct rb_root down = RB_ROOT;

		for (i = POOL - 1; i >= 0; i--) {
			assert_true(insert(&down, &pool[i]));
			assert_tree(&down, &keys[i], POOL - i);
		}
	}
}

/* ---- walking ------------------------------------------------------------- */

static void
test_first_last_next_prev(void **state)
{
	struct rb_root root = RB_ROOT;
	static const int keys[] = { 40, 10, 90, 20, 70, 30, 80, 60, 50 };
	int i;

	assert_null(rb_first(&root));
	assert_null(rb_last(&root));

	pool[0].key = 5;
	assert_true(insert(&root, &pool[0]));
	assert_ptr_equal(rb_first(&root), &pool[0].rb);
	assert_ptr_equal(rb_last(&root), &pool[0].rb);
	assert_null(rb_next(&pool[0].rb));
	assert_null(rb_prev(&pool[0].rb));
	rb_erase(&pool[0].rb, &root);
	assert_null(root.node);

	for (i = 0; i < 9; i++) {
		pool[i].key = keys[i];
		assert_true(insert(&root, &pool[i]));
	}
	assert_int_equal(key_of(rb_first(&root)), 10);
	assert_int_equal(key_of(rb_last(&root)), 90);
	assert_null(rb_prev(rb_first(&root)));
	assert_null(rb_next(rb_last(&root)));
	/* each key's neighbours are the keys 10 either side */
	for (i = 0; i < 9; i++) {
		struct rb_node *n = &pool[i].rb;
		int k = keys[i];

		if (k > 10)
			assert_int_equal(key_of(rb_prev(n)), k - 10);
		if (k < 90)
			assert_int_equal(key_of(rb_next(n)), k + 10);
	}
}

/* ---- erasing every kind of node ------------------------------------------ */

enum { ROOT, LEAF, ONE_CHILD, TWO_CHILDREN, NR_KINDS };

static int
kind_of(const struct rb_node *n)
{
	if (n->parent == NULL)
		return ROOT;
	if (n->left && n->right)
		return TWO_CHILDREN;
	return n->left || n->right ? ONE_CHILD : LEAF;
}

/* Keys 0..n-1 inserted in a scrambled order (k * 7 mod 41). */
static void
build(struct rb_root *root, int n)
{
	int i;

	*root = RB_ROOT;
	for (i = 0; i < 41; i++) {
		int k = (i * 7) % 41;

		if (k < n) {
			pool[k].key = k;
			assert_true(insert(root, &pool[k]));
		}
	}
}

/*
 * For every size up to 40 and every key, a fresh tree loses that key; it
 * stays sound and in order, and every kind of node (root, leaf, one child,
 * two children) is erased many times over.
 */
static void
test_erase_each_node(void **state)
{
	int n, victim, kind, seen[NR_KINDS] = { 0 };
	int keys[41];

	for (n = 1; n <= 40; n++) {
		for (victim = 0; victim < n; victim++) {
			struct rb_root root;
			int i, j = 0;

			build(&root, n);
			seen[kind_of(&pool[victim].rb)]++;
			rb_erase(&pool[victim].rb, &root);
			for (i = 0; i < n; i++)
				if (i != victim)
					keys[j++] = i;
			assert_tree(&root, keys, n - 1);
			assert_null(search(&root, victim));
		}
	}
	for (kind = 0; kind < NR_KINDS; kind++)
		assert_true(seen[kind] >= 40);

	/* the last node leaves an empty tree */
	{
		struct rb_root root;

		build(&root, 1);
		rb_erase(&pool[0].rb, &root);
		assert_null(root.node);
		assert_int_equal(verify_ok(&root), 0);
	}
}

/* ---- replacing ------------------------------------------------------------- */

static void
test_replace_node(void **state)
{
	struct rb_root root;
	struct item fresh[3];
	int keys[15], i, victims[3], h;

	build(&root, 15);
	for (i = 0; i < 15; i++)
		keys[i] = i;
	h = verify_ok(&root);
	/* the root, a leaf and a node with two children */
	victims[0] = key_of(root.node);
	victims[1] = key_of(rb_first(&root));
	victims[2] = -1;
	for (i = 0; i < 15; i++)
		if (kind_of(&pool[i].rb) == TWO_CHILDREN)
			victims[2] = i;
	assert_true(victims[2] >= 0);
	assert_int_equal(kind_of(&pool[victims[1]].rb), LEAF);

	for (i = 0; i < 3; i++) {
		struct rb_node *old = &pool[victims[i]].rb;
		struct rb_node copy = *old;

		fresh[i].key = victims[i];
		rb_replace_node(old, &fresh[i].rb, &root);
		assert_ptr_equal(search(&root, victims[i]), &fresh[i]);
		assert_ptr_equal(fresh[i].rb.parent, copy.parent);
		assert_ptr_equal(fresh[i].rb.left, copy.left);
		assert_ptr_equal(fresh[i].rb.right, copy.right);
		assert_int_equal(fresh[i].rb.color, copy.color);
		assert_tree(&root, keys, 15);
		assert_int_equal(verify_ok(&root), h);
	}
	assert_ptr_equal(root.node, &fresh[0].rb);
	assert_ptr_equal(rb_first(&root), &fresh[1].rb);
}

/* ---- rb_verify catches broken trees --------------------------------------- */

static void
assert_broken(const struct rb_root *root, const char *reason)
{
	char why[256];

	assert_int_equal(rb_verify(root, why, sizeof(why)), -1);
	if (strstr(why, reason) == NULL)
		fail_msg("reason '%s' does not mention '%s'", why, reason);
}

static void
test_verify_catches(void **state)
{
	struct rb_root root;
	struct rb_node *n;

	/* 50B (30R (20B, 40B (nil, 45R)), 70B): black height 2 */
	static const int keys[] = { 50, 30, 70, 20, 40, 45 };
	int i;

	root = RB_ROOT;
	for (i = 0; i < 6; i++) {
		pool[i].key = keys[i];
		assert_true(insert(&root, &pool[i]));
	}
	assert_int_equal(verify_ok(&root), 2);

	root.node->color = RB_RED;
	assert_broken(&root, "root: not black");
	root.node->color = RB_BLACK;

	n = &search(&root, 40)->rb;
	n->color = RB_RED;
	assert_broken(&root, "depth 2 (path LR): red child of a red node");
	n->color = RB_BLACK;

	n = &search(&root, 45)->rb;
	n->color = RB_BLACK;
	assert_broken(&root,
		      "depth 2 (path LR): black heights differ: 0 left, 1 right");
	n->color = RB_RED;

	n->parent = root.node;
	assert_broken(&root, "depth 3 (path LRR): parent pointer is wrong");
	n->parent = &search(&root, 40)->rb;

	n->color = 7;
	assert_broken(&root, "colour 7");
	n->color = RB_RED;

	root.node->parent = n;
	assert_broken(&root, "root: has a parent");
	root.node->parent = NULL;

	assert_int_equal(verify_ok(&root), 2);
}

/* ---- drawing ----------------------------------------------------------------- */

static void
label_key(const struct rb_node *n, struct strbuf *sb, void *arg)
{
	sb_printf(sb, "%s%d", (const char *)arg, key_of(n));
}

static void
assert_drawing(const struct rb_root *root, bool labels, const char *want)
{
	struct strbuf sb;

	sb_init(&sb);
	rb_draw(root, labels ? label_key : NULL, "k=", &sb);
	if (strcmp(sb.buf, want) != 0) {
		fflush(stdout);
		fprintf(stderr, "drawn:\n%s", sb.buf);
		sb_free(&sb);
		fail_msg("drawing differs");
	}
	sb_free(&sb);
}

static void
test_draw(void **state)
{
	static const int keys[] = { 50, 30, 70, 20, 40, 45 };
	struct rb_root root = RB_ROOT;
	int i;

	assert_drawing(&root, true, "(empty)\n");

	for (i = 0; i < 6; i++) {
		pool[i].key = keys[i];
		assert_true(insert(&root, &pool[i]));
	}
	assert_drawing(&root, true,
		       "[B d=0] k=50\n"
		       "|-- L [R d=1] k=30\n"
		       "|   |-- L [B d=2] k=20\n"
		       "|   `-- R [B d=2] k=40\n"
		       "|       |-- L (nil)\n"
		       "|       `-- R [R d=3] k=45\n"
		       "`-- R [B d=1] k=70\n");

	/* erasing 70 rotates 30 up: 30B (20B, 45R (40B, 50B)) */
	rb_erase(&search(&root, 70)->rb, &root);
	verify_ok(&root);
	assert_drawing(&root, false,
		       "[B d=0]\n"
		       "|-- L [B d=1]\n"
		       "`-- R [R d=1]\n"
		       "    |-- L [B d=2]\n"
		       "    `-- R [B d=2]\n");

	/* a lone left child shows its missing right sibling */
	root = RB_ROOT;
	for (i = 0; i < 2; i++) {
		pool[i].key = 2 - i;
		assert_true(insert(&root, &pool[i]));
	}
	assert_drawing(&root, true,
		       "[B d=0] k=2\n"
		       "|-- L [R d=1] k=1\n"
		       "`-- R (nil)\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_random_run),
		UNIT_TEST(test_sorted_inserts),
		UNIT_TEST(test_first_last_next_prev),
		UNIT_TEST(test_erase_each_node),
		UNIT_TEST(test_replace_node),
		UNIT_TEST(test_verify_catches),
		UNIT_TEST(test_draw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
