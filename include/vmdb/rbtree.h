/* vmdb/rbtree.h: an intrusive red-black tree in the shape of the kernel's
 * lib/rbtree.c interface (the mm's VMA tree, mm_rb, is one): the caller
 * walks down to the insertion point itself, links the node, then asks the
 * tree to rebalance.  Host memory only; written for vmdb. */
#ifndef VMDB_RBTREE_H
#define VMDB_RBTREE_H

#include <stddef.h>

struct strbuf;

#define RB_RED		0
#define RB_BLACK	1

struct rb_node {
	struct rb_node *parent;
	struct rb_node *left;
	struct rb_node *right;
	int color;
};

struct rb_root {
	struct rb_node *node;
};

#define RB_ROOT		((struct rb_root){ NULL })
#define rb_entry(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Puts node where *link (a child pointer of parent, or root->node) was. */
static inline void
rb_link_node(struct rb_node *node, struct rb_node *parent,
	     struct rb_node **link)
{
	node->parent = parent;
	node->color = RB_RED;
	node->left = node->right = NULL;
	*link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);
/* Puts new in victim's place without rebalancing (same key). */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root);

struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/* Checks the red-black properties (root black, no red-red, equal black
 * heights, parent pointers); returns the black height, or -1 with the
 * reason in why. */
int rb_verify(const struct rb_root *root, char *why, size_t n);

/*
 * Appends a drawing of the tree to out, one line per node, root first and
 * then, recursively, the left subtree before the right one:
 *
 *	[B d=0] 50
 *	|-- L [R d=1] 30
 *	|   |-- L [B d=2] 20
 *	|   `-- R [B d=2] 40
 *	|       |-- L (nil)
 *	|       `-- R [R d=3] 45
 *	`-- R [B d=1] 70
 *
 * Each node shows its colour (R or B), its depth (the root is 0) and then
 * what label(n, sb, arg) appends to sb (a single line, no newline; with no
 * label callback the line ends after the bracket).  A node with two
 * children or none draws exactly that; a node with one child draws the
 * missing one as "(nil)", so the shape reads unambiguously.  Left children
 * hang from "|-- L ", right children from "`-- R ".  An empty tree draws
 * as the single line "(empty)".
 */
void rb_draw(const struct rb_root *root,
	     void (*label)(const struct rb_node *n, struct strbuf *sb,
			   void *arg),
	     void *arg, struct strbuf *out);

#endif
