import type { UseFormRegisterReturn } from "react-hook-form";
import type { ProjectRole } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { ROLE_NAMES } from "@/lib/access";

/** Rancher's project roles, in the order of their rights, with what each may do. */
const ROLES: ReadonlyArray<{ role: ProjectRole; description: string }> = [
  { role: "owner", description: "manages members and everything a member does" },
  { role: "member", description: "creates, edits and deletes registries, secrets, certificates, ConfigMaps, namespaces and workloads" },
  { role: "read-only", description: "sees the project, changes nothing" },
];


/** The Role select, with a line under it saying what each role may do. */
export function RoleField({ registration, error }: { registration: UseFormRegisterReturn<"role">; error?: string | undefined }) {
  return (
    <Field
      label="Role"
      error={error}
      help={
        <ul className="member-roles">
          {ROLES.map((r) => (
            <li key={r.role}>
              <strong>{ROLE_NAMES[r.role]}</strong>: {r.description}
            </li>
          ))}
        </ul>
      }
    >
      <select className="input" {...registration}>
        {ROLES.map((r) => (
          <option key={r.role} value={r.role}>
            {ROLE_NAMES[r.role]}
          </option>
        ))}
      </select>
    </Field>
  );
}
