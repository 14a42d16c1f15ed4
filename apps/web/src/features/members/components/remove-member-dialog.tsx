import { useEffect } from "react";
import { useNavigate } from "react-router";
import type { Member } from "@paddock/contracts";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useIsAdmin } from "@/lib/access";
import { paths } from "@/lib/paths";
import { useRemoveMember } from "../api/members";
import { leavesProject } from "../utils/leaves-project";

/** Confirms naming the user and the project; a refusal (e.g. the last owner) is said in the dialog. */
export function RemoveMemberDialog(props: { cluster: string; project: string; projectName: string; me: string | undefined; member: Member | null; onClose: () => void }) {
  const { cluster, project, projectName, me, member, onClose } = props;
  const admin = useIsAdmin();
  const remove = useRemoveMember(cluster, project, me, admin);
  const toast = useToast();
  const navigate = useNavigate();
  useEffect(() => {
    if (member) remove.reset();
  }, [member?.username]);
  const self = member !== null && member.username === me;
  return (
    <ConfirmDialog
      open={member !== null}
      title={`Remove ${member?.username ?? ""} from ${projectName}`}
      confirmLabel="Remove"
      busy={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        member &&
        remove.mutate(member.username, {
          onSuccess: () => {
            const leaving = leavesProject(member.username, me, admin);
            toast.success(leaving ? `You left project ${projectName}: you no longer have access to it.` : `${member.username} removed from ${projectName}.`);
            onClose();
            // the project's pages would only answer 403 now
            if (leaving) void navigate(paths.global());
          },
        })
      }
    >
      <p>
        <strong>{member?.username}</strong> will no longer be a member of project <strong>{projectName}</strong>
        {!self ? ", and will not see it or change anything in it." : admin ? ": as an administrator, you keep access to it." : ": you will lose access to it."}
      </p>
      {remove.error && (
        <p className="alert alert--error" role="alert">
          Could not remove {member?.username}: {remove.error.message}
        </p>
      )}
    </ConfirmDialog>
  );
}
