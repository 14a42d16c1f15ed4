import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { memberSetSchema, type Member, type MemberSet } from "@paddock/contracts";
import { useToast } from "@/components/ui/toast";
import { ROLE_NAMES } from "@/lib/access";
import { useSetMember } from "../api/members";
import { showIssuesAtFields } from "@/lib/form-issues";
import { RoleField } from "./roles";

/** A small modal with the role select for one member; a refusal is said in it, with the choice kept. */
export function ChangeRoleDialog(props: { cluster: string; project: string; projectName: string; me: string | undefined; member: Member | null; onClose: () => void }) {
  const { cluster, project, projectName, me, member, onClose } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const save = useSetMember(cluster, project, me);
  const toast = useToast();
  const form = useForm<MemberSet>({ resolver: zodResolver(memberSetSchema), defaultValues: { username: "", role: "member" } });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (member) {
      form.reset(member);
      save.reset();
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) dialog.close();
    // Only when the dialog opens for a member: a refreshed list must not undo the choice.
  }, [member?.username]);

  const submit = form.handleSubmit((input) => {
    if (!member) return;
    if (input.role === member.role) return onClose();
    save.mutate(input, {
      onSuccess: () => (toast.success(`The role of ${input.username} in ${projectName} is now ${ROLE_NAMES[input.role]}.`), onClose()),
      onError: (error) => {
        const rest = showIssuesAtFields(error, ["username", "role"], form.setError);
        if (rest) form.setError("root.server", { message: rest });
      },
    });
  });

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="change-role-title" onCancel={(e) => (e.preventDefault(), !save.isPending && onClose())}>
      <form onSubmit={submit} noValidate>
        <h2 id="change-role-title">Change role of {member?.username}</h2>
        <p className="muted">
          In project <strong>{projectName}</strong>; now <strong>{member ? ROLE_NAMES[member.role] : ""}</strong>.
        </p>
        <RoleField registration={form.register("role")} error={form.formState.errors.role?.message ?? form.formState.errors.username?.message} />
        {form.formState.errors.root?.server && (
          <p className="alert alert--error" role="alert">
            Could not change the role of {member?.username}: {form.formState.errors.root.server.message}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
