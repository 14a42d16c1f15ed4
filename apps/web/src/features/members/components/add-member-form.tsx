import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { memberSetSchema, type Member, type MemberSet } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { useToast } from "@/components/ui/toast";
import { showIssuesAtFields } from "@/lib/form-issues";
import { ROLE_NAMES } from "@/lib/access";
import { useSetMember } from "../api/members";
import { RoleField } from "./roles";

const FIELDS = ["username", "role"] as const;

/** Adds a user to the project (or, for a member already there, changes their role). */
export function AddMemberForm(props: { cluster: string; project: string; projectName: string; me: string | undefined; members: Member[]; onDone: () => void }) {
  const { cluster, project, projectName, me, members, onDone } = props;
  const save = useSetMember(cluster, project, me);
  const toast = useToast();
  const form = useForm<MemberSet>({ resolver: zodResolver(memberSetSchema), defaultValues: { username: "", role: "member" } });
  const submit = form.handleSubmit((input) => {
    const before = members.find((m) => m.username === input.username);
    save.mutate(input, {
      onSuccess: () => {
        toast.success(
          before
            ? `${input.username} was already a member of ${projectName}: their role is now ${ROLE_NAMES[input.role]}.`
            : `${input.username} added to ${projectName} as ${ROLE_NAMES[input.role]}.`,
        );
        onDone();
      },
      onError: (error) => {
        const rest = showIssuesAtFields(error, FIELDS, form.setError);
        if (rest) form.setError("root.server", { message: rest });
      },
    });
  });
  return (
    <form className="card form-card member-form" onSubmit={submit} noValidate aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add Member</h2>
      {form.formState.errors.root?.server && (
        <p className="alert alert--error" role="alert">
          Could not add the member: {form.formState.errors.root.server.message}
        </p>
      )}
      <div className="form-grid">
        <Field label="Username" error={form.formState.errors.username?.message} help="A Paddock user; an administrator creates users under Users.">
          <input className="input" autoComplete="off" autoCapitalize="none" spellCheck={false} autoFocus {...form.register("username")} />
        </Field>
        <RoleField registration={form.register("role")} error={form.formState.errors.role?.message} />
      </div>
      <FormActions busy={save.isPending} label="Save" busyLabel="Saving…" onCancel={onDone} />
    </form>
  );
}
