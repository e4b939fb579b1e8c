/* cmds/cmd-table.c: every command vmdb knows, sorted by name.  Lookup,
 * `help`, tab completion and the man page all read this table. */
#include "config.h"

#include "cmd.h"

extern const struct cmd_entry cmd_abort_entry;
extern const struct cmd_entry cmd_alloc_pages_entry;
extern const struct cmd_entry cmd_boot_entry;
extern const struct cmd_entry cmd_break_entry;
extern const struct cmd_entry cmd_brk_entry;
extern const struct cmd_entry cmd_bt_entry;
extern const struct cmd_entry cmd_buddyinfo_entry;
extern const struct cmd_entry cmd_catch_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_complete_entry;
extern const struct cmd_entry cmd_condition_entry;
extern const struct cmd_entry cmd_continue_entry;
extern const struct cmd_entry cmd_cpu_entry;
extern const struct cmd_entry cmd_delete_entry;
extern const struct cmd_entry cmd_diff_entry;
extern const struct cmd_entry cmd_digest_entry;
extern const struct cmd_entry cmd_disable_entry;
extern const struct cmd_entry cmd_dmesg_entry;
extern const struct cmd_entry cmd_down_entry;
extern const struct cmd_entry cmd_e820_entry;
extern const struct cmd_entry cmd_echo_entry;
extern const struct cmd_entry cmd_enable_entry;
extern const struct cmd_entry cmd_exit_entry;
extern const struct cmd_entry cmd_explain_entry;
extern const struct cmd_entry cmd_file_entry;
extern const struct cmd_entry cmd_files_entry;
extern const struct cmd_entry cmd_finish_entry;
extern const struct cmd_entry cmd_fixmap_entry;
extern const struct cmd_entry cmd_flush_tlb_entry;
extern const struct cmd_entry cmd_focus_entry;
extern const struct cmd_entry cmd_fork_entry;
extern const struct cmd_entry cmd_frame_entry;
extern const struct cmd_entry cmd_free_pages_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_history_entry;
extern const struct cmd_entry cmd_ignore_entry;
extern const struct cmd_entry cmd_info_entry;
extern const struct cmd_entry cmd_invlpg_entry;
extern const struct cmd_entry cmd_ioremap_entry;
extern const struct cmd_entry cmd_iounmap_entry;
extern const struct cmd_entry cmd_kfree_entry;
extern const struct cmd_entry cmd_kmalloc_entry;
extern const struct cmd_entry cmd_kmap_entry;
extern const struct cmd_entry cmd_kmap_atomic_entry;
extern const struct cmd_entry cmd_kmem_cache_alloc_entry;
extern const struct cmd_entry cmd_kmem_cache_create_entry;
extern const struct cmd_entry cmd_kmem_cache_destroy_entry;
extern const struct cmd_entry cmd_kmem_cache_free_entry;
extern const struct cmd_entry cmd_kmem_cache_reap_entry;
extern const struct cmd_entry cmd_kmem_cache_shrink_entry;
extern const struct cmd_entry cmd_kthread_entry;
extern const struct cmd_entry cmd_kunmap_entry;
extern const struct cmd_entry cmd_kunmap_atomic_entry;
extern const struct cmd_entry cmd_layout_entry;
extern const struct cmd_entry cmd_maps_entry;
extern const struct cmd_entry cmd_meminfo_entry;
extern const struct cmd_entry cmd_mlock_entry;
extern const struct cmd_entry cmd_mmap_entry;
extern const struct cmd_entry cmd_mprotect_entry;
extern const struct cmd_entry cmd_mremap_entry;
extern const struct cmd_entry cmd_munlock_entry;
extern const struct cmd_entry cmd_munmap_entry;
extern const struct cmd_entry cmd_next_entry;
extern const struct cmd_entry cmd_page_entry;
extern const struct cmd_entry cmd_pagecache_entry;
extern const struct cmd_entry cmd_pagetypeinfo_entry;
extern const struct cmd_entry cmd_pgd_entry;
extern const struct cmd_entry cmd_pkmap_entry;
extern const struct cmd_entry cmd_ps_entry;
extern const struct cmd_entry cmd_ptdump_entry;
extern const struct cmd_entry cmd_pte_entry;
extern const struct cmd_entry cmd_quit_entry;
extern const struct cmd_entry cmd_read_entry;
extern const struct cmd_entry cmd_record_entry;
extern const struct cmd_entry cmd_regs_entry;
extern const struct cmd_entry cmd_replay_entry;
extern const struct cmd_entry cmd_reverse_continue_entry;
extern const struct cmd_entry cmd_reverse_next_entry;
extern const struct cmd_entry cmd_reverse_step_entry;
extern const struct cmd_entry cmd_set_entry;
extern const struct cmd_entry cmd_slab_entry;
extern const struct cmd_entry cmd_slabinfo_entry;
extern const struct cmd_entry cmd_smaps_entry;
extern const struct cmd_entry cmd_source_entry;
extern const struct cmd_entry cmd_spawn_entry;
extern const struct cmd_entry cmd_status_entry;
extern const struct cmd_entry cmd_step_entry;
extern const struct cmd_entry cmd_switch_entry;
extern const struct cmd_entry cmd_tbreak_entry;
extern const struct cmd_entry cmd_tlb_entry;
extern const struct cmd_entry cmd_touch_entry;
extern const struct cmd_entry cmd_trace_entry;
extern const struct cmd_entry cmd_tui_entry;
extern const struct cmd_entry cmd_ulimit_entry;
extern const struct cmd_entry cmd_undo_entry;
extern const struct cmd_entry cmd_until_entry;
extern const struct cmd_entry cmd_up_entry;
extern const struct cmd_entry cmd_vfree_entry;
extern const struct cmd_entry cmd_vm_unmap_aliases_entry;
extern const struct cmd_entry cmd_vma_entry;
extern const struct cmd_entry cmd_vmalloc_entry;
extern const struct cmd_entry cmd_vmallocinfo_entry;
extern const struct cmd_entry cmd_vmap_entry;
extern const struct cmd_entry cmd_vmstat_entry;
extern const struct cmd_entry cmd_vtop_entry;
extern const struct cmd_entry cmd_vunmap_entry;
extern const struct cmd_entry cmd_watch_entry;
extern const struct cmd_entry cmd_write_entry;
extern const struct cmd_entry cmd_x_entry;
extern const struct cmd_entry cmd_xp_entry;
extern const struct cmd_entry cmd_zoneinfo_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_abort_entry,
	&cmd_alloc_pages_entry,
	&cmd_boot_entry,
	&cmd_break_entry,
	&cmd_brk_entry,
	&cmd_bt_entry,
	&cmd_buddyinfo_entry,
	&cmd_catch_entry,
	&cmd_check_entry,
	&cmd_complete_entry,
	&cmd_condition_entry,
	&cmd_continue_entry,
	&cmd_cpu_entry,
	&cmd_delete_entry,
	&cmd_diff_entry,
	&cmd_digest_entry,
	&cmd_disable_entry,
	&cmd_dmesg_entry,
	&cmd_down_entry,
	&cmd_e820_entry,
	&cmd_echo_entry,
	&cmd_enable_entry,
	&cmd_exit_entry,
	&cmd_explain_entry,
	&cmd_file_entry,
	&cmd_files_entry,
	&cmd_finish_entry,
	&cmd_fixmap_entry,
	&cmd_flush_tlb_entry,
	&cmd_focus_entry,
	&cmd_fork_entry,
	&cmd_frame_entry,
	&cmd_free_pages_entry,
	&cmd_help_entry,
	&cmd_history_entry,
	&cmd_ignore_entry,
	&cmd_info_entry,
	&cmd_invlpg_entry,
	&cmd_ioremap_entry,
	&cmd_iounmap_entry,
	&cmd_kfree_entry,
	&cmd_kmalloc_entry,
	&cmd_kmap_entry,
	&cmd_kmap_atomic_entry,
	&cmd_kmem_cache_alloc_entry,
	&cmd_kmem_cache_create_entry,
	&cmd_kmem_cache_destroy_entry,
	&cmd_kmem_cache_free_entry,
	&cmd_kmem_cache_reap_entry,
	&cmd_kmem_cache_shrink_entry,
	&cmd_kthread_entry,
	&cmd_kunmap_entry,
	&cmd_kunmap_atomic_entry,
	&cmd_layout_entry,
	&cmd_maps_entry,
	&cmd_meminfo_entry,
	&cmd_mlock_entry,
	&cmd_mmap_entry,
	&cmd_mprotect_entry,
	&cmd_mremap_entry,
	&cmd_munlock_entry,
	&cmd_munmap_entry,
	&cmd_next_entry,
	&cmd_page_entry,
	&cmd_pagecache_entry,
	&cmd_pagetypeinfo_entry,
	&cmd_pgd_entry,
	&cmd_pkmap_entry,
	&cmd_ps_entry,
	&cmd_ptdump_entry,
	&cmd_pte_entry,
	&cmd_quit_entry,
	&cmd_read_entry,
	&cmd_record_entry,
	&cmd_regs_entry,
	&cmd_replay_entry,
	&cmd_reverse_continue_entry,
	&cmd_reverse_next_entry,
	&cmd_reverse_step_entry,
	&cmd_set_entry,
	&cmd_slab_entry,
	&cmd_slabinfo_entry,
	&cmd_smaps_entry,
	&cmd_source_entry,
	&cmd_spawn_entry,
	&cmd_status_entry,
	&cmd_step_entry,
	&cmd_switch_entry,
	&cmd_tbreak_entry,
	&cmd_tlb_entry,
	&cmd_touch_entry,
	&cmd_trace_entry,
	&cmd_tui_entry,
	&cmd_ulimit_entry,
	&cmd_undo_entry,
	&cmd_until_entry,
	&cmd_up_entry,
	&cmd_vfree_entry,
	&cmd_vm_unmap_aliases_entry,
	&cmd_vma_entry,
	&cmd_vmalloc_entry,
	&cmd_vmallocinfo_entry,
	&cmd_vmap_entry,
	&cmd_vmstat_entry,
	&cmd_vtop_entry,
	&cmd_vunmap_entry,
	&cmd_watch_entry,
	&cmd_write_entry,
	&cmd_x_entry,
	&cmd_xp_entry,
	&cmd_zoneinfo_entry,
	NULL
};
