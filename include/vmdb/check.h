/* vmdb/check.h: invariant checkers.  Each subsystem has one; each writes one
 * line per broken invariant ("buddy: Normal order 3: nr_free 5 but 4 blocks
 * on the lists") and returns how many it found. */
#ifndef VMDB_CHECK_H
#define VMDB_CHECK_H

struct machine;
struct out;

/* One subsystem's checker, and what `check`'s summary line calls the
 * invariants it verifies. */
struct checker {
	const char *what;
	int (*check)(struct machine *m, struct out *o);
};

/* Every checker, in the order check_machine runs them. */
extern const struct checker checkers[];
extern const int nr_checkers;

/* Runs every checker; returns the number of broken invariants. */
int check_machine(struct machine *m, struct out *o);

/* For a checker: reports one broken invariant (printing the first 50) and
 * counts it; needs `struct out *o` and `int nerr` in scope. */
#define CHECK_FAIL(...)						\
	do {							\
		if (nerr < 50)					\
			out_printf(o, __VA_ARGS__);		\
		nerr++;						\
	} while (0)

#endif
