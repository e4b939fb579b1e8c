/* lib/rbtree.c: an intrusive red-black tree with the interface of Linux's
 * lib/rbtree.c (the mm's VMA tree is one): the caller finds the place and
 * links the node, rb_insert_color() and rb_erase() keep the tree balanced.
 * Written for vmdb from the textbook algorithm (CLRS chapter 13).
 *
 * The rules, with NULL children counting as black leaves:
 *
 *	1. every node is red or black, and the root is black;
 *	2. a red node has no red child;
 *	3. every path from a node down to a NULL leaf passes the same
 *	   number of black nodes (the black height).
 *
 * Together they keep the longest path at most twice the shortest, so the
 * depth stays below 2 log2(n + 1).
 *
 * Every operation is written once for one side and mirrored by a direction
 * argument: child(n, LEFT) is n's left child, child(n, !dir) the other. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vmdb/rbtree.h"
#include "vmdb/util.h"

#define LEFT	0
#define RIGHT	1

static struct rb_node **
child(struct rb_node *n, int dir)
{
	return dir == LEFT ? &n->left : &n->right;
}

static bool
is_red(const struct rb_node *n)
{
	return n != NULL && n->color == RB_RED;
}

/* Makes new take old's place under parent (or as the root). */
static void
change_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent,
	     struct rb_root *root)
{
	if (parent == NULL)
		root->node = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
}

/*
 * Rotates x down towards dir: its child on the other side, y, takes x's
 * place and x becomes y's child on side dir.  For dir == LEFT:
 *
 *	    x                y
 *	   / \              / \
 *	  a   y     =>     x   c
 *	     / \          / \
 *	    b   c        a   b
 *
 * The in-order sequence (a x b y c) is unchanged.
 */
static void
rotate(struct rb_node *x, int dir, struct rb_root *root)
{
	struct rb_node *y = *child(x, !dir);
	struct rb_node *b = *child(y, dir);

	*child(x, !dir) = b;
	if (b)
		b->parent = x;
	y->parent = x->parent;
	change_child(x, y, x->parent, root);
	*child(y, dir) = x;
	x->parent = y;
}

/*
 * node was just linked red.  Only rule 2 can be broken, between node and a
 * red parent p (whose parent g is then black).  With u, p's sibling:
 *
 *  - u red: recolour p and u black and g red; the black heights stay, and
 *    the problem moves two levels up to g;
 *  - u black, node on the inner side of p: rotate p so that node and p
 *    swap roles and node is on the outer side;
 *  - u black, node on the outer side: colour p black and g red and rotate
 *    g away from p; p now heads the subtree with the black height g had.
 *
 * Finally the root is made black, which adds one to every path.
 */
void
rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *p, *g, *u;
	int dir;

	while ((p = node->parent) != NULL && p->color == RB_RED) {
		g = p->parent;	/* a red node is never the root */
		dir = p == g->left ? LEFT : RIGHT;
		u = *child(g, !dir);
		if (is_red(u)) {
			p->color = RB_BLACK;
			u->color = RB_BLACK;
			g->color = RB_RED;
			node = g;
			continue;
		}
		if (node == *child(p, !dir)) {
			rotate(p, dir, root);
			node = p;
			p = node->parent;
		}
		p->color = RB_BLACK;
		g->color = RB_RED;
		rotate(g, !dir, root);
	}
	root->node->color = RB_BLACK;
}

/*
 * A black node was taken out above x (which may be NULL), child of parent:
 * every path through x is one black short.  If x is red, colouring it
 * black settles that.  Otherwise, with w, x's sibling (never NULL: w's
 * side still has a black height of at least one):
 *
 *  - w red: rotate parent towards x, with w black and parent red; x's new
 *    sibling is black, one of the cases below;
 *  - w black with two black children: colour w red, so parent's side of
 *    w is short too, and carry on from parent;
 *  - w black, its far child black, near child red: rotate w away from x,
 *    making the near child w's black parent and w red, to get
 *  - w black, its far child red: rotate parent towards x; w takes
 *    parent's colour, parent and the far child become black, which gives
 *    x's side its missing black node and leaves the other side as it was.
 */
static void
erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root)
{
	struct rb_node *w;
	int dir;

	while (x != root->node && !is_red(x)) {
		dir = x == parent->left ? LEFT : RIGHT;
		w = *child(parent, !dir);
		if (w->color == RB_RED) {
			w->color = RB_BLACK;
			parent->color = RB_RED;
			rotate(parent, dir, root);
			w = *child(parent, !dir);
		}
		if (!is_red(w->left) && !is_red(w->right)) {
			w->color = RB_RED;
			x = parent;
			parent = x->parent;
			continue;
		}
		if (!is_red(*child(w, !dir))) {
			(*child(w, dir))->color = RB_BLACK;
			w->color = RB_RED;
			rotate(w, !dir, root);
			w = *child(parent, !dir);
		}
		w->color = parent->color;
		parent->color = RB_BLACK;
		(*child(w, !dir))->color = RB_BLACK;
		rotate(parent, dir, root);
		x = root->node;
	}
	if (x)
		x->color = RB_BLACK;
}

/*
 * Unlinks node.  With at most one child, that child takes node's place.
 * With two, node's successor s (the leftmost node of its right subtree,
 * which has no left child) is spliced out of its own place and put in
 * node's, with node's colour; the removed colour is then s's.  Either way,
 * if the removed colour was black, erase_fixup() restores rule 3 from the
 * place it was taken out of.
 */
void
rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *x, *parent, *s;
	int removed;

	if (node->left == NULL || node->right == NULL) {
		x = node->left ? node->left : node->right;
		parent = node->parent;
		removed = node->color;
		if (x)
			x->parent = parent;
		change_child(node, x, parent, root);
	} else {
		s = node->right;
		while (s->left)
			s = s->left;
		x = s->right;
		removed = s->color;
		if (s->parent == node) {
			parent = s;
		} else {
			parent = s->parent;
			parent->left = x;
			if (x)
				x->parent = parent;
			s->right = node->right;
			s->right->parent = s;
		}
		s->left = node->left;
		s->left->parent = s;
		s->parent = node->parent;
		s->color = node->color;
		change_child(node, s, node->parent, root);
	}
	if (removed == RB_BLACK)
		erase_fixup(x, parent, root);
}

void
rb_replace_node(struct rb_node *victim, struct rb_node *new,
		struct rb_root *root)
{
	*new = *victim;
	if (new->left)
		new->left->parent = new;
	if (new->right)
		new->right->parent = new;
	change_child(victim, new, victim->parent, root);
}

/* ---- walking ------------------------------------------------------------ */

static struct rb_node *
extreme(const struct rb_root *root, int dir)
{
	struct rb_node *n = root->node;

	if (n == NULL)
		return NULL;
	while (*child(n, dir))
		n = *child(n, dir);
	return n;
}

/* The in-order neighbour of n on side dir (RIGHT: next, LEFT: previous). */
static struct rb_node *
step(const struct rb_node *cn, int dir)
{
	struct rb_node *n = (struct rb_node *)cn, *p;

	if (*child(n, dir)) {
		n = *child(n, dir);
		while (*child(n, !dir))
			n = *child(n, !dir);
		return n;
	}
	while ((p = n->parent) != NULL && n == *child(p, dir))
		n = p;
	return p;
}

struct rb_node *
rb_first(const struct rb_root *root)
{
	return extreme(root, LEFT);
}

struct rb_node *
rb_last(const struct rb_root *root)
{
	return extreme(root, RIGHT);
}

struct rb_node *
rb_next(const struct rb_node *node)
{
	return step(node, RIGHT);
}

struct rb_node *
rb_prev(const struct rb_node *node)
{
	return step(node, LEFT);
}

/* ---- checking ------------------------------------------------------------ */

/* The path from the root to the node being checked ("LRL"), for the
 * reason a check gives; only its first VERIFY_PATH steps are kept. */
#define VERIFY_PATH	64

struct verify {
	char path[VERIFY_PATH + 1];
	char *why;
	size_t n;
};

/* Makes the path that of a node at depth, extended by step if not 0. */
static void
verify_path(struct verify *v, int depth, char step)
{
	if (depth < VERIFY_PATH && step)
		v->path[depth++] = step;
	v->path[depth < VERIFY_PATH ? depth : VERIFY_PATH] = '\0';
}

static int
verify_fail(struct verify *v, int depth, const char *fmt, ...)
{
	char what[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (depth == 0)
		snprintf(v->why, v->n, "root: %s", what);
	else
		snprintf(v->why, v->n, "node at depth %d (path %s%s): %s",
			 depth, v->path, depth > VERIFY_PATH ? "..." : "",
			 what);
	return -1;
}

/* The black height of the subtree at n (NULL leaves not counted), or -1. */
static int
verify_node(struct verify *v, const struct rb_node *n, int depth)
{
	int h[2], dir;

	if (n == NULL)
		return 0;
	if (n->color != RB_RED && n->color != RB_BLACK)
		return verify_fail(v, depth, "colour %d", n->color);
	if (n->left && n->left == n->right)
		return verify_fail(v, depth, "same child on both sides");
	for (dir = LEFT; dir <= RIGHT; dir++) {
		const struct rb_node *c = *child((struct rb_node *)n, dir);

		verify_path(v, depth, dir == LEFT ? 'L' : 'R');
		if (c && c->parent != n)
			return verify_fail(v, depth + 1,
					   "parent pointer is wrong");
		if (c && n->color == RB_RED && c->color == RB_RED)
			return verify_fail(v, depth + 1,
					   "red child of a red node");
		h[dir] = verify_node(v, c, depth + 1);
		if (h[dir] < 0)
			return -1;
	}
	verify_path(v, depth, 0);
	if (h[LEFT] != h[RIGHT])
		return verify_fail(v, depth,
				   "black heights differ: %d left, %d right",
				   h[LEFT], h[RIGHT]);
	return h[LEFT] + (n->color == RB_BLACK);
}

int
rb_verify(const struct rb_root *root, char *why, size_t n)
{
	struct verify v = { .why = why, .n = n };
	const struct rb_node *r = root->node;

	if (n)
		why[0] = '\0';
	if (r == NULL)
		return 0;
	if (r->parent != NULL)
		return verify_fail(&v, 0, "has a parent");
	if (r->color != RB_BLACK)
		return verify_fail(&v, 0, "not black");
	return verify_node(&v, r, 0);
}

/* ---- drawing -------------------------------------------------------------- */

struct draw {
	void (*label)(const struct rb_node *n, struct strbuf *sb, void *arg);
	void *arg;
	struct strbuf *out;
	struct strbuf prefix;	/* "|   " or "    " per level above */
};

static void
draw_node(struct draw *d, const struct rb_node *n, int depth)
{
	static const char *const branch[2] = { "|-- L ", "`-- R " };
	static const char *const indent[2] = { "|   ", "    " };
	size_t keep;
	int dir;

	sb_printf(d->out, "[%c d=%d]", n->color == RB_RED ? 'R' : 'B', depth);
	if (d->label) {
		sb_puts(d->out, " ");
		d->label(n, d->out, d->arg);
	}
	sb_puts(d->out, "\n");
	if (n->left == NULL && n->right == NULL)
		return;
	for (dir = LEFT; dir <= RIGHT; dir++) {
		const struct rb_node *c = *child((struct rb_node *)n, dir);

		sb_add(d->out, d->prefix.buf, d->prefix.len);
		sb_puts(d->out, branch[dir]);
		if (c == NULL) {
			sb_puts(d->out, "(nil)\n");
			continue;
		}
		keep = d->prefix.len;
		sb_puts(&d->prefix, indent[dir]);
		draw_node(d, c, depth + 1);
		d->prefix.len = keep;
		d->prefix.buf[keep] = '\0';
	}
}

void
rb_draw(const struct rb_root *root,
	void (*label)(const struct rb_node *n, struct strbuf *sb, void *arg),
	void *arg, struct strbuf *out)
{
	struct draw d = { .label = label, .arg = arg, .out = out };

	if (root->node == NULL) {
		sb_puts(out, "(empty)\n");
		return;
	}
	sb_init(&d.prefix);
	draw_node(&d, root->node, 0);
	sb_free(&d.prefix);
}
