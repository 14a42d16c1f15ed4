import { useMemo, useRef, useState, type ReactNode } from "react";
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";

export interface DataTableProps<T> {
  /** what the rows are, for labels: "registries" */
  label: string;
  rows: T[];
  columns: ColumnDef<T, unknown>[];
  rowId: (row: T) => string;
  /** Rancher-style empty texts */
  emptyText: string;
  noMatchText: string;
  /** rows can be selected for bulk actions */
  selectable?: boolean;
  selection?: RowSelectionState;
  onSelectionChange?: (selection: RowSelectionState) => void;
  /** group rows under a heading, e.g. by namespace */
  groupBy?: (row: T) => string;
  groupLabel?: (group: string) => string;
  /** text searched for each row */
  searchText: (row: T) => string;
  toolbar?: ReactNode;
  initialSort?: SortingState;
}

const ROW_HEIGHT = 48;
const VIRTUALIZE_ABOVE = 100;

type Line<T> = { kind: "group"; group: string; count: number } | { kind: "row"; row: Row<T> };

/**
 * A dense Rancher-like table: search, sort, select, group; rows are virtualized once there are
 * many, so 5,000 registries scroll smoothly.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(props.initialSort ?? []);
  const [search, setSearch] = useState("");
  const [grouped, setGrouped] = useState(false);
  const selectionColumn = useMemo<ColumnDef<T, unknown>[]>(
    () =>
      props.selectable
        ? [
            {
              id: "select",
              enableSorting: false,
              header: ({ table }) => (
                <input
                  type="checkbox"
                  aria-label={`Select all ${props.label}`}
                  checked={table.getIsAllRowsSelected()}
                  ref={(el) => {
                    if (el) el.indeterminate = table.getIsSomeRowsSelected();
                  }}
                  onChange={table.getToggleAllRowsSelectedHandler()}
                />
              ),
              cell: ({ row }) => (
                <input type="checkbox" aria-label={`Select ${row.id}`} checked={row.getIsSelected()} disabled={!row.getCanSelect()} onChange={row.getToggleSelectedHandler()} />
              ),
            },
          ]
        : [],
    [props.selectable, props.label],
  );
  const table = useReactTable({
    data: props.rows,
    columns: [...selectionColumn, ...props.columns],
    getRowId: props.rowId,
    state: { sorting, globalFilter: search, rowSelection: props.selection ?? {} },
    onSortingChange: setSorting,
    onGlobalFilterChange: setSearch,
    onRowSelectionChange: (updater) => {
      const next = typeof updater === "function" ? updater(props.selection ?? {}) : updater;
      props.onSelectionChange?.(next);
    },
    enableRowSelection: props.selectable ?? false,
    globalFilterFn: (row, _columnId, value: string) => props.searchText(row.original).toLowerCase().includes(value.toLowerCase()),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const rows = table.getRowModel().rows;
  const lines: Line<T>[] = useMemo(() => {
    if (!grouped || !props.groupBy) return rows.map((row) => ({ kind: "row", row }));
    const groups = new Map<string, typeof rows>();
    for (const row of rows) {
      const g = props.groupBy(row.original);
      groups.set(g, [...(groups.get(g) ?? []), row]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([group, members]) => [{ kind: "group" as const, group, count: members.length }, ...members.map((row) => ({ kind: "row" as const, row }))]);
  }, [rows, grouped, props]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = lines.length > VIRTUALIZE_ABOVE;
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, enabled: virtual });
  const items = virtual ? virtualizer.getVirtualItems() : lines.map((_, index) => ({ index, start: index * ROW_HEIGHT, key: index }));
  const paddingTop = virtual && items.length > 0 ? items[0]!.start : 0;
  const paddingBottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]!.start + ROW_HEIGHT) : 0;
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div className="data-table">
      <div className="data-table__toolbar">
        {props.toolbar}
        <span className="data-table__spacer" />
        {props.groupBy && (
          <label className="checkbox">
            <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> Group by namespace
          </label>
        )}
        <input
          type="search"
          className="input data-table__search"
          placeholder="Search"
          aria-label={`Search ${props.label}`}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <div ref={scrollRef} className={virtual ? "data-table__scroll data-table__scroll--virtual" : "data-table__scroll"}>
        <table className="table" aria-rowcount={lines.length + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined} className={header.column.id === "select" ? "table__select" : undefined}>
                      {header.column.getCanSort() ? (
                        <button type="button" className="table__sort" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: paddingTop, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const line = lines[item.index]!;
              if (line.kind === "group") {
                return (
                  <tr key={`g-${line.group}`} className="table__group">
                    <td colSpan={columnCount}>
                      {props.groupLabel ? props.groupLabel(line.group) : line.group} <span className="muted">({line.count})</span>
                    </td>
                  </tr>
                );
              }
              return (
                <tr key={line.row.id} className={line.row.getIsSelected() ? "table__row--selected" : undefined}>
                  {line.row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cell.column.id === "select" ? "table__select" : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0, border: 0 }} />
              </tr>
            )}
            {lines.length === 0 && (
              <tr>
                <td colSpan={columnCount} className="table__empty">
                  {props.rows.length === 0 ? props.emptyText : props.noMatchText}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
